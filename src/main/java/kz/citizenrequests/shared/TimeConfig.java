package kz.citizenrequests.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.ZoneId;

/** Instants are stored in UTC; days (receipt, due dates) are counted in Kazakhstan time. */
public class TimeConfig {

    /** All of Kazakhstan is on UTC+5 since 1 March 2024. */
    public static final ZoneId KAZAKHSTAN = ZoneId.of("Asia/Almaty");

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
