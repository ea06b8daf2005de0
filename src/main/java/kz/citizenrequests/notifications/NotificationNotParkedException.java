package kz.citizenrequests.notifications;

import kz.citizenrequests.shared.ProblemException;

/** 409: only a notification parked as failed is resent; a pending one is still being tried, a sent one arrived. */
public class NotificationNotParkedException extends ProblemException {

    public NotificationNotParkedException(String status) {
        super(409, "notification-not-failed", "Notification not failed",
                "The notification is " + status + "; only a failed notification can be resent.");
    }
}
