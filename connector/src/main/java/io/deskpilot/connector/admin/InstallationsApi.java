package io.deskpilot.connector.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.installation.OAuthConsents;
import io.deskpilot.connector.installation.InvalidInstallationException;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.system.PublicUrl;
import io.deskpilot.connector.knowledge.ImportProgress;
import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.PlatformAdapter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for connecting desks: platforms and their settings forms, installations (secrets masked on read and
 * kept when the mask is posted back), connection tests, the webhook address and secret to paste into the desk, and
 * history imports with progress. Guarded by {@link AdminToken}.
 */
@RestController
@RequestMapping("/api")
class InstallationsApi {

	private final Installations installations;

	private final HistoryImport history;

	private final PublicUrl publicUrl;

	private final OAuthConsents consents;

	InstallationsApi(Installations installations, HistoryImport history, PublicUrl publicUrl, OAuthConsents consents) {
		this.consents = consents;
		this.installations = installations;
		this.history = history;
		this.publicUrl = publicUrl;
	}

	/** A new or changed installation. */
	record InstallationInput(@Nullable String id, @Nullable String platform, @Nullable String name,
			@Nullable Map<String, String> config, @Nullable Boolean enabled) {
	}

	@GetMapping("/platforms")
	List<Map<String, Object>> platforms() {
		return this.installations.adapters().stream().map(InstallationsApi::platform).toList();
	}

	private static Map<String, Object> platform(PlatformAdapter a) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("type", a.type());
		m.put("label", a.label());
		m.put("capabilities", a.capabilities());
		m.put("fields", a.configFields());
		return m;
	}

	@GetMapping("/installations")
	List<Map<String, Object>> list() {
		return this.installations.all().stream().map(this::view).toList();
	}

	@GetMapping("/installations/{id}")
	Map<String, Object> get(@PathVariable String id) {
		return view(this.installations.require(id));
	}

	@PostMapping("/installations")
	ResponseEntity<Map<String, Object>> create(@RequestBody InstallationInput input) {
		if (input.platform() == null || input.platform().isBlank()) {
			throw new InvalidInstallationException(List.of("Platform is required"));
		}
		Installation created = this.installations.create(input.id(), input.platform(), input.name(),
				input.config() == null ? Map.of() : input.config());
		return ResponseEntity.status(HttpStatus.CREATED).body(view(created));
	}

	@PutMapping("/installations/{id}")
	Map<String, Object> update(@PathVariable String id, @RequestBody InstallationInput input) {
		Installation current = this.installations.require(id);
		Installation updated = this.installations.update(id, input.name() == null ? current.name() : input.name(),
				input.config() == null ? this.installations.redactedConfig(id) : input.config(),
				input.enabled() == null ? current.enabled() : input.enabled());
		return view(updated);
	}

	@DeleteMapping("/installations/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.installations.require(id);
		this.installations.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/installations/{id}/test")
	ConnectionCheck test(@PathVariable String id) {
		return this.installations.test(this.installations.require(id).platform(), id, null);
	}

	/** Where the desk sends webhooks, and how they are verified. The secret itself is never returned. */
	@GetMapping("/installations/{id}/webhook")
	Map<String, Object> webhook(@PathVariable String id, HttpServletRequest request) {
		this.installations.require(id);
		// how deliveries prove themselves differs per platform: the setup steps say it with the exact values
		return Map.of("url", this.publicUrl.webhook(request, id), "verification",
				"with the webhook secret, as the setup steps say: GET /api/installations/" + id + "/setup");
	}

	/**
	 * The exact settings an admin pastes on the desk (webhook URL, events, filter, where the secret goes), step by
	 * step. The webhook URL uses {@code deskpilot.public-url} when set (the address the desk reaches), else this
	 * request's own address.
	 */
	@GetMapping("/installations/{id}/setup")
	Map<String, Object> setup(@PathVariable String id, HttpServletRequest request) {
		Installation installation = this.installations.require(id);
		String url = this.publicUrl.webhook(request, id);
		Map<String, Object> out = new java.util.LinkedHashMap<>();
		out.put("installation", id);
		out.put("platform", installation.platform());
		out.put("webhookUrl", url);
		out.put("steps", this.installations.adapter(installation.platform()).setup(installation.config(), url, this.publicUrl.oauthCallback(request)));
		return out;
	}

	/**
	 * Starts an OAuth consent (installations that authorize by consent, e.g. Jira {@code oauth}): open the returned
	 * page in a browser signed in to the desk; the desk sends it back to {@value PublicUrl#OAUTH_CALLBACK}.
	 */
	@PostMapping("/installations/{id}/oauth")
	Map<String, Object> beginOAuth(@PathVariable String id, HttpServletRequest request) {
		java.net.URI page = this.consents.begin(id, java.net.URI.create(this.publicUrl.oauthCallback(request)));
		return Map.of("authorizationUrl", page.toString(), "redirectUri", this.publicUrl.oauthCallback(request));
	}

	/** The installation's OAuth grant as admins may see it: the site, dates, whether it needs consent again; never a token. */
	@GetMapping("/installations/{id}/oauth")
	Map<String, Object> oauthGrant(@PathVariable String id) {
		this.installations.require(id);
		Map<String, Object> out = new java.util.LinkedHashMap<>();
		out.put("installation", id);
		out.put("usesOAuth", this.consents.uses(id));
		this.consents.grant(id).ifPresentOrElse(g -> {
			out.put("connected", g.problem() == null);
			out.put("cloudId", g.resourceId());
			out.put("apiBaseUrl", g.apiBaseUrl().toString());
			out.put("scopes", g.scopes());
			out.put("grantedAt", g.grantedAt().toString());
			out.put("refreshedAt", g.refreshedAt().toString());
			out.put("accessTokenExpiresAt", g.accessExpiresAt().toString());
			if (g.problem() != null) {
				out.put("problem", g.problem());
			}
		}, () -> out.put("connected", false));
		return out;
	}

	/** Sets the webhook secret the admin generated on the desk (Jira's webhook form or an Automation header). */
	record WebhookSecret(@Nullable String secret) {
	}

	@PutMapping("/installations/{id}/webhook")
	ResponseEntity<Void> setWebhookSecret(@PathVariable String id, @RequestBody WebhookSecret body) {
		this.installations.setWebhookSecret(id, body.secret() == null ? "" : body.secret());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/installations/{id}/import")
	ResponseEntity<ImportProgress> startImport(@PathVariable String id) {
		return ResponseEntity.accepted().body(this.history.start(id));
	}

	@GetMapping("/installations/{id}/import")
	ResponseEntity<ImportProgress> importProgress(@PathVariable String id) {
		this.installations.require(id);
		return this.history.progress(id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
	}

	private Map<String, Object> view(Installation i) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", i.id());
		m.put("platform", i.platform());
		m.put("name", i.name());
		m.put("enabled", i.enabled());
		m.put("config", this.installations.redactedConfig(i.id()));
		m.put("createdAt", i.createdAt());
		m.put("updatedAt", i.updatedAt());
		return m;
	}

}
