package io.deskpilot.connector.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import io.deskpilot.connector.system.DeskpilotProperties;
import io.deskpilot.connector.system.OwnerOnlyFiles;
import io.deskpilot.connector.system.SecretCipher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Local admin accounts of the console, with bcrypt-hashed passwords in {@code admin_account}. On first start, when
 * there is none, an account {@code admin} is created with {@code deskpilot.console.initial-password} (which must pass
 * {@link PasswordRules}), or with a generated password written once to {@code <data-dir>/admin.password} (created
 * owner-only; the log names the file, never the password). Sign-ins go through {@link LoginThrottle}.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@Service
class AdminAccounts implements UserDetailsService {

	private static final Logger log = LoggerFactory.getLogger(AdminAccounts.class);

	static final String FIRST_ACCOUNT = "admin";

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final Clock clock;

	private final Path dataDir;

	private final @Nullable String initialPassword;

	AdminAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock, DeskpilotProperties properties, Environment env) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.clock = clock;
		this.dataDir = properties.dataDir();
		this.initialPassword = env.getProperty("deskpilot.console.initial-password");
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("select username, password_hash from admin_account where username = ?")
			.param(username)
			.query((rs, row) -> User.withUsername(rs.getString(1)).password(rs.getString(2)).roles("ADMIN").build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such admin"));
	}

	/** Adds an account (or sets its password); the password must pass {@link PasswordRules}. */
	void save(String username, String password) {
		if (!USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException("A user name is 1-100 letters, digits or . _ @ -");
		}
		PasswordRules.problem(username, password).ifPresent(problem -> {
			throw new IllegalArgumentException(problem);
		});
		String hash = this.encoder.encode(password);
		int updated = this.jdbc.sql("update admin_account set password_hash = ? where username = ?").params(hash, username).update();
		if (updated == 0) {
			this.jdbc.sql("insert into admin_account (username, password_hash, created_at) values (?, ?, ?)")
				.params(username, hash, this.clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}
	}

	List<String> usernames() {
		return this.jdbc.sql("select username from admin_account order by username").query(String.class).list();
	}

	/** An account as the console lists it (never its hash). */
	record Account(String username, java.time.Instant createdAt, java.time.@Nullable Instant lastLoginAt) {
	}

	List<Account> accounts() {
		return this.jdbc.sql("select username, created_at, last_login_at from admin_account order by username")
			.query((rs, n) -> new Account(rs.getString(1), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
			.list();
	}

	boolean exists(String username) {
		return this.jdbc.sql("select count(*) from admin_account where username = ?").param(username).query(Long.class).single() > 0;
	}

	/** Removes an account; the last one cannot be removed (nobody could sign in). */
	void remove(String username) {
		if (usernames().size() <= 1) {
			throw new IllegalArgumentException("The last account cannot be removed");
		}
		this.jdbc.sql("delete from admin_account where username = ?").param(username).update();
	}

	@EventListener(ApplicationReadyEvent.class)
	void firstAccount() {
		if (!usernames().isEmpty()) {
			return;
		}
		if (this.initialPassword != null && !this.initialPassword.isBlank()) {
			try {
				save(FIRST_ACCOUNT, this.initialPassword);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("deskpilot.console.initial-password cannot be used: " + ex.getMessage(), ex);
			}
			log.info("Created the console account '{}' with deskpilot.console.initial-password", FIRST_ACCOUNT);
			return;
		}
		Path file = this.dataDir.resolve("admin.password");
		try {
			save(FIRST_ACCOUNT, OwnerOnlyFiles.readOrCreate(file, () -> SecretCipher.randomToken() + "\n").strip());
			log.info("Created the console account '{}'; its password is in {}", FIRST_ACCOUNT, file.toAbsolutePath());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	@EventListener
	void loggedIn(AuthenticationSuccessEvent event) {
		this.jdbc.sql("update admin_account set last_login_at = ? where username = ?")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), event.getAuthentication().getName())
			.update();
	}

}
