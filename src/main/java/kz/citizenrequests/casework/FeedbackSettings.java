package kz.citizenrequests.casework;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The citizen's answer back: how long a decision may be answered, and how often an open request commented. */
@ConfigMapping(prefix = "citizen-requests.feedback")
public interface FeedbackSettings {

    /** Days after the decision in which the citizen may answer it; then the request closes by itself. */
    @WithDefault("30")
    int windowDays();

    /** Follow-up comments a citizen may add to one open request per Kazakhstan day. */
    @WithDefault("5")
    int followUpsPerDay();
}
