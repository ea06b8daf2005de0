package kz.citizenrequests.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/** Instants are stored in UTC; days (receipt, due dates) are counted in Kazakhstan time. */
public class TimeConfig {

    /** All of Kazakhstan is on UTC+5 since 1 March 2024. */
    public static final ZoneId KAZAKHSTAN = ZoneId.of("Asia/Almaty");

    /** Ticks in microseconds, the precision PostgreSQL stores, so an instant answered equals the one stored. */
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
