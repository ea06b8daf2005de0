package kz.citizenrequests.intake;

/** What a submission made with an Idempotency-Key left: the hash of its body and its answer (without the access code). */
record IdempotencyRecord(String bodyHash, String response) {
}
