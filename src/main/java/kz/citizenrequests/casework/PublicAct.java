package kz.citizenrequests.casework;

import kz.citizenrequests.shared.Language;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A public act just recorded on a request (receipt, register, forward, extension, decision,
 * reopening, complaint, close, withdrawal): what the citizen is to be told. Fired synchronously
 * inside the act's transaction, so whatever observes it (the notification outbox) commits or
 * rolls back with the act. {@code historyId} names the event for good: a message derived from
 * it can be recognised when sent twice.
 */
public record PublicAct(
        long historyId,
        long requestId,
        String trackingNumber,
        String action,
        Language language,
        String phone,
        String email,
        String branchCode,
        LocalDate dueDate,
        String note,
        Instant at) {

    static PublicAct of(Request request, HistoryEntry entry) {
        Citizen citizen = request.citizen();
        return new PublicAct(entry.id(), request.id(), request.trackingNumber(), entry.action(), request.language(),
                citizen.phone(), citizen.email(), entry.toBranch(), request.dueDate(), entry.note(), entry.at());
    }
}
