package kz.citizenrequests.notifications;

/** A message's subject and text, as rendered for one channel. */
record RenderedText(String subject, String body) {
}
