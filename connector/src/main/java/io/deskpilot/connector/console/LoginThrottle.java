package io.deskpilot.connector.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.deskpilot.connector.workflow.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The console's password sign-in, throttled per account and per client address (the one the trusted proxy reports,
 * see {@code server.forward-headers-strategy}):
 * <ul>
 * <li>an account is locked after {@value #ACCOUNT_FAILURES} failed sign-ins in a row, for one minute, doubling with
 * every further failure up to {@link #ACCOUNT_LOCK_MAX}; a successful sign-in clears it;</li>
 * <li>an address is locked for {@link #ADDRESS_LOCK} after {@value #ADDRESS_FAILURES} failed sign-ins within
 * {@link #ADDRESS_WINDOW}, whatever the accounts tried.</li>
 * </ul>
 * While locked, a sign-in is refused without looking at the password (so the right one does not get in either). Each
 * lock is written to the audit log ({@value AuditLog#SYSTEM}, action {@code console.sign-in.locked}) and counted in
 * the metric {@code deskpilot.console.sign-in.lockouts} (tag {@code scope}); failed and refused sign-ins are counted
 * in {@code deskpilot.console.sign-in.failures} (tag {@code reason}). The counts live in this replica's memory
 * (bounded), so with several replicas an attacker gets at most that many times the attempts.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LoginThrottle implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	static final int ACCOUNT_FAILURES = 5;

	static final Duration ACCOUNT_LOCK = Duration.ofMinutes(1);

	static final Duration ACCOUNT_LOCK_MAX = Duration.ofMinutes(15);

	static final int ADDRESS_FAILURES = 20;

	static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

	static final Duration ADDRESS_LOCK = Duration.ofMinutes(15);

	private final DaoAuthenticationProvider passwords;

	private final AuditLog audit;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Cache<String, Failures> accounts;

	private final Cache<String, Failures> addresses;

	LoginThrottle(UserDetailsService accounts, PasswordEncoder encoder, AuditLog audit, ObjectProvider<MeterRegistry> meters,
			Clock clock) {
		this.passwords = new DaoAuthenticationProvider(accounts);
		this.passwords.setPasswordEncoder(encoder);
		this.audit = audit;
		this.meters = meters.getIfAvailable(() -> Metrics.globalRegistry);
		this.clock = clock;
		// bounded, so a spray of made-up user names cannot fill the memory; a lock outlives no entry
		this.accounts = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(24)).build();
		this.addresses = Caffeine.newBuilder().maximumSize(50_000).expireAfterAccess(Duration.ofHours(1)).build();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String account = authentication.getName() == null ? "" : authentication.getName();
		String address = address(authentication);
		Instant now = this.clock.instant();
		Failures byAccount = this.accounts.get(account, k -> new Failures());
		Failures byAddress = this.addresses.get(address, k -> new Failures());
		if (byAddress.lockedAt(now) || byAccount.lockedAt(now)) {
			this.meters.counter("deskpilot.console.sign-in.failures", "reason", "locked").increment();
			throw new LockedException("Too many failed sign-ins: try again later");
		}
		try {
			Authentication done = this.passwords.authenticate(authentication);
			byAccount.clear();
			return done;
		}
		catch (BadCredentialsException ex) {
			this.meters.counter("deskpilot.console.sign-in.failures", "reason", "bad-credentials").increment();
			Duration accountLock = byAccount.failedForAccount(now);
			if (accountLock != null) {
				locked("account", account, address, accountLock, byAccount.count());
			}
			Duration addressLock = byAddress.failedForAddress(now);
			if (addressLock != null) {
				locked("address", account, address, addressLock, byAddress.count());
			}
			throw ex;
		}
	}

	private void locked(String scope, String account, String address, Duration lock, int failures) {
		String what = scope.equals("account") ? "account '" + clip(account) + "'" : "address " + address;
		String detail = what + " locked for " + lock.toSeconds() + " s after " + failures + " failed sign-ins (last: account '"
				+ clip(account) + "' from " + address + ")";
		log.warn("Console sign-in: {}", detail);
		this.meters.counter("deskpilot.console.sign-in.lockouts", "scope", scope).increment();
		this.audit.write(AuditLog.SYSTEM, null, scope.equals("account") ? clip(account) : address, "console.sign-in.locked",
				detail);
	}

	private static String address(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
				? web.getRemoteAddress() : "unknown";
	}

	private static String clip(String s) {
		String printable = s.replaceAll("\\p{Cntrl}", "?");
		return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
	}

	/** Failed sign-ins of one account or address, and the lock they caused. */
	private static final class Failures {

		private int count;

		private @Nullable Instant windowStart;

		private @Nullable Instant lockedUntil;

		synchronized boolean lockedAt(Instant now) {
			return this.lockedUntil != null && now.isBefore(this.lockedUntil);
		}

		synchronized int count() {
			return this.count;
		}

		synchronized void clear() {
			this.count = 0;
			this.windowStart = null;
			this.lockedUntil = null;
		}

		/** Counts a failure of an account; the lock it causes, if any: 1 min at the 5th, doubling after. */
		synchronized @Nullable Duration failedForAccount(Instant now) {
			this.count++;
			if (this.count < ACCOUNT_FAILURES) {
				return null;
			}
			int doublings = Math.min(this.count - ACCOUNT_FAILURES, 10);
			Duration lock = ACCOUNT_LOCK.multipliedBy(1L << doublings);
			lock = lock.compareTo(ACCOUNT_LOCK_MAX) > 0 ? ACCOUNT_LOCK_MAX : lock;
			this.lockedUntil = now.plus(lock);
			return lock;
		}

		/** Counts a failure from an address; the lock it causes, if any. */
		synchronized @Nullable Duration failedForAddress(Instant now) {
			if (this.windowStart == null || !now.isBefore(this.windowStart.plus(ADDRESS_WINDOW))) {
				this.windowStart = now;
				this.count = 0;
			}
			this.count++;
			if (this.count < ADDRESS_FAILURES) {
				return null;
			}
			this.lockedUntil = now.plus(ADDRESS_LOCK);
			this.windowStart = null;
			return ADDRESS_LOCK;
		}

	}

}
