package io.deskpilot.connector.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weekly working hours such as {@code Mon-Fri 09:00-17:00; Sat 10:00-14:00}, read in a time zone. Empty (or
 * {@code always}) means around the clock. Immutable; {@link #parse} rejects what it cannot read with a message that
 * says what is wrong.
 */
public final class WorkingHours {

	/** Around the clock. */
	public static final WorkingHours ALWAYS = new WorkingHours("", Map.of());

	private static final Pattern SEGMENT = Pattern
		.compile("(?i)^\\s*([a-z]{3}(?:\\s*-\\s*[a-z]{3})?(?:\\s*,\\s*[a-z]{3}(?:\\s*-\\s*[a-z]{3})?)*)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*$");

	private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

	private final String text;

	/** Per day: sorted, non-overlapping [start, end) minute-of-day windows. */
	private final Map<DayOfWeek, List<int[]>> windows;

	private WorkingHours(String text, Map<DayOfWeek, List<int[]>> windows) {
		this.text = text;
		this.windows = windows;
	}

	/** Parses the text; throws {@link IllegalArgumentException} with the offending part. */
	public static WorkingHours parse(String text) {
		String t = text == null ? "" : text.strip();
		if (t.isEmpty() || t.equalsIgnoreCase("always") || t.equals("24/7")) {
			return ALWAYS;
		}
		Map<DayOfWeek, List<int[]>> windows = new EnumMap<>(DayOfWeek.class);
		for (String segment : t.split(";")) {
			if (segment.isBlank()) {
				continue;
			}
			Matcher m = SEGMENT.matcher(segment);
			if (!m.matches()) {
				throw new IllegalArgumentException("cannot read working hours '" + segment.strip()
						+ "': expected days and hours such as 'Mon-Fri 09:00-17:00'");
			}
			int start = minutes(m.group(2), segment);
			int end = minutes(m.group(3), segment);
			if (end <= start) {
				throw new IllegalArgumentException("working hours '" + segment.strip() + "' end before they start");
			}
			for (String range : m.group(1).split(",")) {
				String[] ends = range.split("-");
				int from = day(ends[0], segment);
				int to = ends.length > 1 ? day(ends[1], segment) : from;
				for (int d = from;; d = (d + 1) % 7) {
					windows.computeIfAbsent(DayOfWeek.of(d + 1), k -> new ArrayList<>()).add(new int[] { start, end });
					if (d == to) {
						break;
					}
				}
			}
		}
		Map<DayOfWeek, List<int[]>> merged = new EnumMap<>(DayOfWeek.class);
		windows.forEach((day, list) -> merged.put(day, merge(list)));
		return new WorkingHours(t, merged);
	}

	private static int minutes(String hhmm, String segment) {
		String[] p = hhmm.split(":");
		int h = Integer.parseInt(p[0]);
		int m = Integer.parseInt(p[1]);
		if (h > 24 || m > 59 || (h == 24 && m > 0)) {
			throw new IllegalArgumentException("'" + hhmm + "' in '" + segment.strip() + "' is not a time of day");
		}
		return h * 60 + m;
	}

	private static int day(String name, String segment) {
		int i = DAYS.indexOf(name.strip().toLowerCase(Locale.ROOT));
		if (i < 0) {
			throw new IllegalArgumentException("'" + name.strip() + "' in '" + segment.strip() + "' is not a day (Mon..Sun)");
		}
		return i;
	}

	private static List<int[]> merge(List<int[]> list) {
		List<int[]> sorted = new ArrayList<>(list);
		sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
		List<int[]> out = new ArrayList<>();
		for (int[] w : sorted) {
			if (!out.isEmpty() && w[0] <= out.get(out.size() - 1)[1]) {
				out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], w[1]);
			}
			else {
				out.add(new int[] { w[0], w[1] });
			}
		}
		return List.copyOf(out);
	}

	/** Whether these hours are around the clock. */
	public boolean always() {
		return this.windows.isEmpty();
	}

	/** Whether the moment falls in working hours. */
	public boolean isOpen(Instant at, ZoneId zone) {
		if (always()) {
			return true;
		}
		ZonedDateTime t = at.atZone(zone);
		int minute = t.getHour() * 60 + t.getMinute();
		for (int[] w : this.windows.getOrDefault(t.getDayOfWeek(), List.of())) {
			if (minute >= w[0] && minute < w[1]) {
				return true;
			}
		}
		return false;
	}

	/** The moment when {@code work} of working time has passed after {@code start}. */
	public Instant plus(Instant start, Duration work, ZoneId zone) {
		if (always() || work.isZero() || work.isNegative()) {
			return start.plus(work.isNegative() ? Duration.ZERO : work);
		}
		long left = work.toSeconds();
		ZonedDateTime cursor = start.atZone(zone);
		for (int i = 0; i < 800; i++) {
			LocalDate date = cursor.toLocalDate();
			for (int[] w : this.windows.getOrDefault(date.getDayOfWeek(), List.of())) {
				ZonedDateTime from = at(date, w[0], zone);
				ZonedDateTime to = at(date, w[1], zone);
				if (!to.isAfter(cursor)) {
					continue;
				}
				ZonedDateTime begin = from.isAfter(cursor) ? from : cursor;
				long available = Duration.between(begin, to).toSeconds();
				if (available >= left) {
					return begin.plusSeconds(left).toInstant();
				}
				left -= available;
				cursor = to;
			}
			cursor = date.plusDays(1).atStartOfDay(zone);
		}
		return start.plus(work);
	}

	/** Working time between two moments (zero when {@code to} is not after {@code from}). */
	public Duration between(Instant from, Instant to, ZoneId zone) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		if (always()) {
			return Duration.between(from, to);
		}
		long seconds = 0;
		ZonedDateTime start = from.atZone(zone);
		ZonedDateTime end = to.atZone(zone);
		for (LocalDate date = start.toLocalDate(); !date.isAfter(end.toLocalDate()); date = date.plusDays(1)) {
			for (int[] w : this.windows.getOrDefault(date.getDayOfWeek(), List.of())) {
				ZonedDateTime a = at(date, w[0], zone);
				ZonedDateTime b = at(date, w[1], zone);
				ZonedDateTime lo = a.isAfter(start) ? a : start;
				ZonedDateTime hi = b.isBefore(end) ? b : end;
				if (hi.isAfter(lo)) {
					seconds += Duration.between(lo, hi).toSeconds();
				}
			}
		}
		return Duration.ofSeconds(seconds);
	}

	private static ZonedDateTime at(LocalDate date, int minuteOfDay, ZoneId zone) {
		if (minuteOfDay >= 24 * 60) {
			return date.plusDays(1).atStartOfDay(zone);
		}
		return date.atTime(LocalTime.of(minuteOfDay / 60, minuteOfDay % 60)).atZone(zone);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof WorkingHours other && other.text.equals(this.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	@Override
	public String toString() {
		return always() ? "always" : this.text;
	}

}
