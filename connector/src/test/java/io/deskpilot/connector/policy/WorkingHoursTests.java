package io.deskpilot.connector.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkingHoursTests {

	private static final WorkingHours OFFICE = WorkingHours.parse("Mon-Fri 09:00-17:00");

	@Test
	void fridayAfternoonPlusFourHours_endsMondayMorning() {
		Instant friday4pm = Instant.parse("2026-11-20T16:00:00Z");

		assertThat(OFFICE.plus(friday4pm, Duration.ofHours(4), ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
	}

	@Test
	void startBeforeOpening_countsFromOpening_inTheZone() {
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		Instant monday6amUtc = Instant.parse("2026-11-23T06:00:00Z"); // 07:00 in Berlin

		assertThat(OFFICE.plus(monday6amUtc, Duration.ofMinutes(30), berlin)).isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
		assertThat(OFFICE.isOpen(monday6amUtc, berlin)).isFalse();
		assertThat(OFFICE.isOpen(Instant.parse("2026-11-23T08:00:00Z"), berlin)).isTrue();
	}

	@Test
	void between_countsOnlyWorkingTime() {
		assertThat(OFFICE.between(Instant.parse("2026-11-20T16:00:00Z"), Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC))
			.isEqualTo(Duration.ofHours(2));
	}

	@Test
	void severalSegments_andAroundTheClock() {
		WorkingHours h = WorkingHours.parse("Mon-Thu 08:00-16:00; Fri 08:00-12:00; Sat-Sun 10:00-14:00");
		assertThat(h.isOpen(Instant.parse("2026-11-21T11:00:00Z"), ZoneOffset.UTC)).isTrue(); // Saturday
		assertThat(h.isOpen(Instant.parse("2026-11-20T13:00:00Z"), ZoneOffset.UTC)).isFalse(); // Friday afternoon
		assertThat(WorkingHours.parse("").plus(Instant.EPOCH, Duration.ofHours(3), ZoneOffset.UTC)).isEqualTo(Instant.EPOCH.plus(Duration.ofHours(3)));
	}

	@Test
	void nonsense_isRejectedWithTheOffendingPart() {
		assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse("weekdays 9-5")).withMessageContaining("weekdays 9-5");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse("Mon-Fri 17:00-09:00")).withMessageContaining("end before");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkingHours.parse("Mon-Fry 09:00-17:00")).withMessageContaining("'Fry'");
	}

}
