package io.deskpilot.connector.installation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionSettings;
import io.deskpilot.connector.platform.PlatformAdapter;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.Secret;
import io.deskpilot.connector.system.OutboundPolicy;
import io.deskpilot.connector.system.SecretCipher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The installations (connected desks) and their live connections. Settings are validated against the adapter's declared
 * fields, and every URL among them against the outbound policy; secrets are stored encrypted and masked on read. A
 * secret is bound to where it was entered for: the mask posted back keeps it only while every
 * {@linkplain ConfigField#destination() destination} setting (host, endpoints, deployment, account) stays the same; a
 * change of one drops the stored secrets unless new ones come with it, and the mask with such a change is refused.
 */
@Service
public class Installations implements DisposableBean {

	/**
	 * What a secret looks like when read back. Posting it back keeps the stored value, unless a destination setting
	 * changes with it (then it is refused).
	 */
	public static final String MASK = "••••••••";

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Logger log = LoggerFactory.getLogger(Installations.class);

	private final InstallationRepository repository;

	private final Map<String, PlatformAdapter> adapters;

	private final Clock clock;

	private final Map<String, PlatformConnection> connections = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher events;

	private final OAuthGrantStore grants;

	private final OutboundPolicy outbound;

	Installations(InstallationRepository repository, List<PlatformAdapter> adapters, Clock clock,
			ApplicationEventPublisher events, OAuthGrantStore grants, OutboundPolicy outbound) {
		this.grants = grants;
		this.outbound = outbound;
		this.events = events;
		this.repository = repository;
		this.adapters = adapters.stream()
			.collect(Collectors.toMap(PlatformAdapter::type, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		this.clock = clock;
	}

	/** The platform types that can be connected. */
	public List<PlatformAdapter> adapters() {
		return List.copyOf(this.adapters.values());
	}

	/** The adapter of a platform type. */
	public PlatformAdapter adapter(String type) {
		PlatformAdapter adapter = this.adapters.get(type);
		if (adapter == null) {
			throw new InvalidInstallationException(List.of("Unknown platform type '" + type + "'; known: " + this.adapters.keySet()));
		}
		return adapter;
	}

	/** All installations, oldest first. */
	public List<Installation> all() {
		return this.repository.findAll();
	}

	/** Enabled installations. */
	public List<Installation> enabled() {
		return all().stream().filter(Installation::enabled).toList();
	}

	/** The installation, if it exists. */
	public Optional<Installation> find(String id) {
		return this.repository.find(id);
	}

	/** The installation, or {@link UnknownInstallationException}. */
	public Installation require(String id) {
		return find(id).orElseThrow(() -> new UnknownInstallationException(id));
	}

	/** Adds a desk after validating its settings. */
	public Installation create(String id, String platform, String name, Map<String, String> values) {
		List<String> problems = new ArrayList<>();
		if (id == null || !ID.matcher(id).matches()) {
			problems.add("Id must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit");
		}
		else if (find(id).isPresent()) {
			problems.add("An installation '" + id + "' already exists");
		}
		if (name == null || name.isBlank()) {
			problems.add("Name is required");
		}
		PlatformAdapter adapter = adapter(platform);
		for (ConfigField f : adapter.configFields()) {
			if (f.secret() && MASK.equals(values.get(f.name()))) {
				problems.add(f.label() + ": enter the secret itself (the dots only stand for one already stored)");
			}
		}
		problems.addAll(adapter.validate(values));
		problems.addAll(outboundProblems(adapter, values));
		if (!problems.isEmpty()) {
			throw new InvalidInstallationException(problems);
		}
		Split split = split(adapter, values, Map.of());
		Instant now = this.clock.instant();
		Installation installation = new Installation(id, platform, name.strip(), split.plain(), true, now, now);
		this.repository.insert(installation, split.secrets(), SecretCipher.randomToken());
		this.events.publishEvent(new InstallationCreated(id));
		log.info("Installation {} ({}) added", id, platform);
		return installation;
	}

	/**
	 * Adds a desk an app runtime announced (a Forge installation's first call), disabled: its settings are what the
	 * call told (site, API URL) and an admin completes and enables it. Two replicas announcing the same desk at once
	 * both get the one installation.
	 */
	public Installation createDisabled(String id, String platform, String name, Map<String, String> values) {
		Optional<Installation> existing = find(id);
		if (existing.isPresent()) {
			return existing.get();
		}
		PlatformAdapter adapter = adapter(platform);
		Split split = split(adapter, values, Map.of());
		Instant now = this.clock.instant();
		Installation installation = new Installation(id, platform, name, split.plain(), false, now, now);
		try {
			this.repository.insert(installation, split.secrets(), SecretCipher.randomToken());
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			return require(id);
		}
		this.events.publishEvent(new InstallationCreated(id));
		log.info("Installation {} ({}) announced by its app runtime: disabled until an admin completes it", id, platform);
		return installation;
	}

	/**
	 * Changes a desk's name and settings. Secrets posted back as {@link #MASK} (or left out) keep their stored value
	 * while no destination setting changes; with a change, stored secrets are dropped unless new ones come with it,
	 * and a mask is refused (400: re-enter the secret for the new destination).
	 */
	public Installation update(String id, String name, Map<String, String> values, boolean enabled) {
		Installation current = require(id);
		PlatformAdapter adapter = adapter(current.platform());
		List<String> moved = movedDestinations(adapter, current.config(), values);
		Map<String, String> storedSecrets = moved.isEmpty() ? this.repository.secrets(id) : Map.of();
		Map<String, String> merged = new HashMap<>(values);
		List<String> problems = maskedSecrets(adapter, merged, storedSecrets, moved);
		if (!problems.isEmpty()) {
			throw new InvalidInstallationException(problems);
		}
		problems.addAll(adapter.validate(merged));
		problems.addAll(outboundProblems(adapter, merged));
		if (name == null || name.isBlank()) {
			problems.add("Name is required");
		}
		if (!problems.isEmpty()) {
			throw new InvalidInstallationException(problems);
		}
		if (!moved.isEmpty()) {
			log.info("Installation {}: {} changed, stored secrets not carried over", id, moved);
		}
		Split split = split(adapter, merged, storedSecrets);
		Installation updated = new Installation(id, current.platform(), name.strip(), split.plain(), enabled,
				current.createdAt(), this.clock.instant());
		ConnectionSettings before = settings(id);
		this.repository.update(updated, split.secrets());
		ConnectionSettings after = settings(id);
		adapter.oauthConsent().filter(c -> !c.sameConsent(before, after)).ifPresent(c -> this.grants.forget(id));
		closeConnection(id);
		return updated;
	}

	/** Removes a desk and everything Deskpilot stored for it. */
	public boolean delete(String id) {
		closeConnection(id);
		return this.repository.delete(id);
	}

	/** The settings as admins may see them: secrets replaced by {@link #MASK} when set. */
	public Map<String, String> redactedConfig(String id) {
		Installation installation = require(id);
		Map<String, String> out = new LinkedHashMap<>(installation.config());
		Map<String, String> secrets = this.repository.secrets(id);
		for (ConfigField f : adapter(installation.platform()).configFields()) {
			if (f.secret()) {
				out.put(f.name(), secrets.getOrDefault(f.name(), "").isEmpty() ? "" : MASK);
			}
		}
		return out;
	}

	/** The secret the platform signs or authenticates its webhooks with (shown to admins for pasting). */
	public String webhookSecret(String id) {
		require(id);
		return this.repository.webhookSecret(id);
	}

	/**
	 * Replaces the webhook secret with one the admin generated on the desk (Jira's webhook form, an Automation
	 * header): 16 to 256 printable characters without spaces. The connection is reopened with it.
	 */
	public void setWebhookSecret(String id, String secret) {
		require(id);
		if (secret == null || !secret.strip().matches("[\\x21-\\x7e]{16,256}")) {
			throw new InvalidInstallationException(
					List.of("The webhook secret must be 16 to 256 printable characters without spaces"));
		}
		this.repository.updateWebhookSecret(id, secret.strip());
		closeConnection(id);
		log.info("Webhook secret of installation {} replaced", id);
	}

	/** The live connection of an installation, opened on first use. */
	public PlatformConnection connection(String id) {
		PlatformConnection existing = this.connections.get(id);
		if (existing != null) {
			return existing;
		}
		return this.connections.computeIfAbsent(id, this::open);
	}

	/** Tests settings before saving them, or (values null) the stored settings. */
	public io.deskpilot.connector.platform.ConnectionCheck test(String platform, @Nullable String id,
			@Nullable Map<String, String> values) {
		PlatformAdapter adapter = adapter(platform);
		if (values == null) {
			return connection(require(id).id()).test();
		}
		Installation current = id == null ? null : find(id).orElse(null);
		// stored secrets serve only the installation's own platform and destinations
		List<String> moved = current == null || !current.platform().equals(platform) ? List.of("Platform")
				: movedDestinations(adapter, current.config(), values);
		Map<String, String> stored = current == null || !moved.isEmpty() ? Map.of() : this.repository.secrets(current.id());
		Map<String, String> merged = new HashMap<>(values);
		List<String> problems = maskedSecrets(adapter, merged, stored, moved);
		if (problems.isEmpty()) {
			problems.addAll(adapter.validate(merged));
			problems.addAll(outboundProblems(adapter, merged));
		}
		if (!problems.isEmpty()) {
			return new io.deskpilot.connector.platform.ConnectionCheck(false, String.join("; ", problems), null);
		}
		Split split = split(adapter, merged, Map.of());
		ConnectionSettings settings = new ConnectionSettings(id == null ? "connection-test" : id, split.plain(),
				wrap(split.secrets()), Secret.of(id == null ? SecretCipher.randomToken() : this.repository.webhookSecret(id)));
		try (PlatformConnection probe = adapter.connect(settings)) {
			return probe.test();
		}
	}

	/** The stored settings of an installation, as its adapter connects with them. */
	public ConnectionSettings settings(String id) {
		Installation installation = require(id);
		return new ConnectionSettings(id, installation.config(), wrap(this.repository.secrets(id)),
				Secret.of(this.repository.webhookSecret(id)));
	}

	/** Closes the installation's live connection so the next use opens it again (after a new OAuth grant). */
	public void reconnect(String id) {
		closeConnection(id);
	}

	private PlatformConnection open(String id) {
		Installation installation = require(id);
		log.info("Connecting installation {} ({})", id, installation.platform());
		return adapter(installation.platform()).connect(settings(id));
	}

	private void closeConnection(String id) {
		PlatformConnection c = this.connections.remove(id);
		if (c != null) {
			c.close();
		}
	}

	/** The labels of the destination settings whose value differs between what is stored and what is posted. */
	private static List<String> movedDestinations(PlatformAdapter adapter, Map<String, String> stored,
			Map<String, String> posted) {
		List<String> moved = new ArrayList<>();
		for (ConfigField f : adapter.configFields()) {
			if (f.destination() && !destinationValue(f, stored.get(f.name())).equals(destinationValue(f, posted.get(f.name())))) {
				moved.add(f.label());
			}
		}
		return moved;
	}

	/** A destination value as compared: the default when blank, without surrounding space, trailing slashes or case. */
	private static String destinationValue(ConfigField f, @Nullable String value) {
		String v = value == null || value.isBlank() ? java.util.Objects.requireNonNullElse(f.defaultValue(), "") : value.strip();
		if (f.type() == ConfigField.Type.URL) {
			v = v.replaceAll("/+$", "");
		}
		return v.toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Replaces each {@link #MASK} in {@code values} by the stored secret; with {@code moved} destinations there is
	 * none to keep, and each mask is a problem.
	 */
	private static List<String> maskedSecrets(PlatformAdapter adapter, Map<String, String> values, Map<String, String> stored,
			List<String> moved) {
		List<String> problems = new ArrayList<>();
		for (ConfigField f : adapter.configFields()) {
			if (f.secret() && MASK.equals(values.get(f.name()))) {
				if (moved.isEmpty()) {
					values.put(f.name(), stored.getOrDefault(f.name(), ""));
				}
				else {
					problems.add(f.label() + ": re-enter the token for the new host. " + String.join(", ", moved)
							+ " changed, and a stored secret is never sent where it was not entered for");
				}
			}
		}
		return problems;
	}

	/** Every URL among the settings (URL fields, destinations) the outbound policy would refuse, with its field. */
	private List<String> outboundProblems(PlatformAdapter adapter, Map<String, String> values) {
		List<String> problems = new ArrayList<>();
		for (ConfigField f : adapter.configFields()) {
			String v = values.get(f.name());
			if (!f.secret() && (f.type() == ConfigField.Type.URL || f.destination()) && v != null && !v.isBlank()
					&& v.strip().toLowerCase(java.util.Locale.ROOT).matches("https?://.*")) {
				this.outbound.problem(v).ifPresent(p -> problems.add(f.label() + ": " + p));
			}
		}
		return problems;
	}

	private static Map<String, Secret> wrap(Map<String, String> secrets) {
		Map<String, Secret> out = new HashMap<>();
		secrets.forEach((k, v) -> out.put(k, Secret.of(v)));
		return out;
	}

	private static Split split(PlatformAdapter adapter, Map<String, String> values, Map<String, String> storedSecrets) {
		Map<String, String> plain = new LinkedHashMap<>();
		Map<String, String> secrets = new LinkedHashMap<>();
		for (ConfigField f : adapter.configFields()) {
			String v = values.get(f.name());
			if (f.secret()) {
				String s = v == null ? storedSecrets.get(f.name()) : v;
				if (s != null && !s.isEmpty()) {
					secrets.put(f.name(), s);
				}
			}
			else if (v != null && !v.isBlank()) {
				plain.put(f.name(), v.strip());
			}
			else if (f.defaultValue() != null) {
				plain.put(f.name(), f.defaultValue());
			}
		}
		return new Split(plain, secrets);
	}

	@Override
	public void destroy() {
		this.connections.keySet().forEach(this::closeConnection);
	}

	private record Split(Map<String, String> plain, Map<String, String> secrets) {

		@Override
		public String toString() {
			return "Split[plain=" + this.plain + ", secrets=" + this.secrets.keySet() + "]";
		}

	}

}
