package io.deskpilot.connector.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.deskpilot.connector.workflow.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class LoginThrottleTests {

	static final String RIGHT = "plenty of bright yellow kayaks";

	final MutableClock clock = new MutableClock();

	final AuditLog audit = mock(AuditLog.class);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final LoginThrottle throttle = throttle();

	@Test
	void fiveFailuresInARow_lockTheAccountForAMinute_thenTheBackOffDoubles() {
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn("admin", "wrong", "10.0.0.1"));
		}
		assertThatExceptionOfType(LockedException.class).as("even the right password").isThrownBy(() -> signIn("admin", RIGHT, "10.0.0.2"));
		this.clock.advance(Duration.ofSeconds(61));
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn("admin", "wrong", "10.0.0.1"));
		this.clock.advance(Duration.ofSeconds(61));
		assertThatExceptionOfType(LockedException.class).as("two minutes after the sixth").isThrownBy(() -> signIn("admin", RIGHT, "10.0.0.1"));
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(signIn("admin", RIGHT, "10.0.0.1").isAuthenticated()).isTrue();
		// a success clears the account: one failure does not lock it again
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn("admin", "wrong", "10.0.0.1"));
		assertThat(signIn("admin", RIGHT, "10.0.0.1").isAuthenticated()).isTrue();

		then(this.audit).should(times(2)).write(eq(AuditLog.SYSTEM), isNull(), eq("admin"), eq("console.sign-in.locked"), any());
		assertThat(this.meters.counter("deskpilot.console.sign-in.lockouts", "scope", "account").count()).isEqualTo(2);
		assertThat(this.meters.counter("deskpilot.console.sign-in.failures", "reason", "locked").count()).isEqualTo(2);
		assertThat(this.meters.counter("deskpilot.console.sign-in.failures", "reason", "bad-credentials").count()).isEqualTo(7);
	}

	@Test
	void theBackOff_stopsAtFifteenMinutes() {
		for (int i = 0; i < 15; i++) {
			String address = "10.0.0." + (i % 3);
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn("admin", "wrong", address));
			this.clock.advance(Duration.ofMinutes(16));
		}
		assertThat(signIn("admin", RIGHT, "10.0.0.9").isAuthenticated()).isTrue();
	}

	@Test
	void twentyFailuresFromOneAddress_lockTheAddress_forAllAccounts() {
		for (int i = 0; i < 20; i++) {
			String account = "someone" + i;
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn(account, "wrong", "192.0.2.1"));
		}
		assertThatExceptionOfType(LockedException.class).isThrownBy(() -> signIn("admin", RIGHT, "192.0.2.1"));
		assertThat(signIn("admin", RIGHT, "192.0.2.2").isAuthenticated()).isTrue();
		then(this.audit).should().write(eq(AuditLog.SYSTEM), isNull(), eq("192.0.2.1"), eq("console.sign-in.locked"), any());
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(signIn("admin", RIGHT, "192.0.2.1").isAuthenticated()).as("the lock expires").isTrue();
	}

	@Test
	void failuresSpreadOverMoreThanTheWindow_doNotLockTheAddress() {
		for (int i = 0; i < 40; i++) {
			String account = "someone" + i;
			assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> signIn(account, "wrong", "192.0.2.1"));
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(signIn("admin", RIGHT, "192.0.2.1").isAuthenticated()).isTrue();
	}

	private org.springframework.security.core.Authentication signIn(String user, String password, String address) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
		attempt.setDetails(new WebAuthenticationDetails(address, null));
		return this.throttle.authenticate(attempt);
	}

	private LoginThrottle throttle() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername("admin").password(encoder.encode(RIGHT)).roles("ADMIN").build());
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("meters", this.meters);
		ObjectProvider<MeterRegistry> provider = beans.getBeanProvider(MeterRegistry.class);
		return new LoginThrottle(users, encoder, this.audit, provider, this.clock);
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2025-03-01T09:00:00Z");

		void advance(Duration d) {
			this.now = this.now.plus(d);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
