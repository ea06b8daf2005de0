package kz.citizenrequests.notifications;

import kz.citizenrequests.shared.ProblemException;

/** 404: no notification has this id. */
public class NotificationNotFoundException extends ProblemException {

    public NotificationNotFoundException() {
        super(404, "notification-not-found", "Notification not found", "No notification has this id.");
    }
}
