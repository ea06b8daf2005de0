package kz.citizenrequests.notifications;

/** A claimed notification as its courier needs it, read before the claiming transaction ends. */
record Outgoing(long id, String channel, String recipient, String subject, String body, String idempotencyKey) {

    static Outgoing of(Notification notification) {
        return new Outgoing(notification.id(), notification.channel(), notification.recipient(),
                notification.subject(), notification.body(), notification.idempotencyKey());
    }
}
