package io.isowatch.core.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks of an observation that need nothing of its feed's state: an acceptable feed name
 * ({@link FeedName}), a finite value, and an event time at most {@link WindowSpec#maxAhead()} ahead
 * of the wall clock. Every {@link FeedWindower} applies them first; an engine applies them before
 * it creates a feed's state, so a record that would be refused never takes a place under the feed
 * cap. Immutable; thread-safe when the clock is.
 */
public final class ArrivalCheck {
  private final Duration maxAhead;
  private final Clock clock;

  public ArrivalCheck(Duration maxAhead, Clock clock) {
    this.maxAhead = Objects.requireNonNull(maxAhead, "maxAhead");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The checks of {@code spec}, against {@code clock}. */
  public static ArrivalCheck of(WindowSpec spec, Clock clock) {
    return new ArrivalCheck(spec.maxAhead(), clock);
  }

  /** Why the observation is refused, or empty when it passes. */
  public Optional<Rejection> refusal(Observation observation) {
    Optional<String> badName = FeedName.problem(observation.feedId());
    if (badName.isPresent()) {
      // The name is what is wrong: it must not become a feed id anywhere, not even in a rejection.
      return Optional.of(
          new Rejection(
              RejectionReason.INVALID_FEED_NAME,
              Optional.empty(),
              observation.asText(),
              badName.get(),
              clock.instant()));
    }
    double value = observation.value();
    if (!Double.isFinite(value)) {
      return Optional.of(reject(RejectionReason.NOT_FINITE, observation, "value is " + value));
    }
    Instant now = clock.instant();
    Duration ahead = Duration.between(now, observation.eventTime());
    if (ahead.compareTo(maxAhead) > 0) {
      return Optional.of(
          reject(
              RejectionReason.TOO_FAR_AHEAD,
              observation,
              "event time "
                  + observation.eventTime()
                  + " is "
                  + HumanDuration.format(ahead)
                  + " ahead of the agent's clock ("
                  + now
                  + "), more than the allowed "
                  + HumanDuration.format(maxAhead)));
    }
    return Optional.empty();
  }

  private Rejection reject(RejectionReason reason, Observation observation, String detail) {
    return new Rejection(
        reason, Optional.of(observation.feedId()), observation.asText(), detail, clock.instant());
  }
}
