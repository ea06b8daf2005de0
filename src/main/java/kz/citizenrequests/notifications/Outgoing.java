package kz.citizenrequests.notifications;

/** A claimed notification as its courier needs it, read before the claiming transaction ends. */
record Outgoing(long id, String channel, String recipient, String subject, String body, String idempotencyKey) {
}
