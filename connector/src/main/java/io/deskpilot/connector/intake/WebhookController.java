package io.deskpilot.connector.intake;

import java.io.IOException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.AppInstallations;
import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.installation.UnknownInstallationException;
import io.deskpilot.connector.platform.AppEvents;
import io.deskpilot.connector.platform.AppInvocation;
import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.PlatformAdapter;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookHandler;
import io.deskpilot.connector.platform.WebhookRejectedException;
import io.deskpilot.connector.system.PublicUrl;
import io.deskpilot.connector.web.BodyLimits;
import io.deskpilot.connector.web.BodyTooLargeException;
import io.deskpilot.connector.workflow.Inbox;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint of every installation: {@code POST /webhooks/{installationId}}. The installation is looked up
 * before the body is read (at most 1 MiB); the delivery is verified on its raw bytes before anything parses it; verified events go to the inbox (duplicates are dropped there) and the call
 * returns 202 at once. Forged deliveries get 401 and leave no trace but a log line.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private static final int MAX_BODY_BYTES = BodyLimits.WEBHOOK;

	private final Installations installations;

	private final Inbox inbox;

	private final AppInstallations apps;

	private final JsonMapper json;

	private final PublicUrl publicUrl;

	WebhookController(Installations installations, Inbox inbox, AppInstallations apps, JsonMapper json, PublicUrl publicUrl) {
		this.installations = installations;
		this.inbox = inbox;
		this.apps = apps;
		this.json = json;
		this.publicUrl = publicUrl;
	}

	@PostMapping("/webhooks/{installationId}")
	ResponseEntity<Map<String, Object>> receive(@PathVariable String installationId, HttpServletRequest request) {
		// who it is for, before a byte of the body is read
		Installation installation = this.installations.require(installationId);
		if (!installation.enabled()) {
			throw new PlatformRejectedException("installation " + installationId + " is disabled", 409);
		}
		PlatformConnection connection = this.installations.connection(installationId);
		WebhookHandler handler = connection.webhooks()
			.orElseThrow(() -> new PlatformRejectedException("this platform does not send webhooks", 404));
		WebhookDelivery delivery = delivery(request);
		handler.verify(delivery);
		List<RequestEvent> events = handler.parse(delivery);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(accept(installationId, events, Map.of()));
	}

	/**
	 * Calls from a platform's app runtime (Forge: {@code POST /apps/jira/events}). The call names its installation
	 * inside a signed token, verified before anything parses the body; a site's first call creates its installation,
	 * disabled until an admin completes it (its events are acknowledged and dropped until then, the token is kept).
	 */
	@PostMapping("/apps/{platform}/events")
	ResponseEntity<Map<String, Object>> receiveFromApp(@PathVariable String platform, HttpServletRequest request) {
		AppEvents app = appEvents(platform);
		WebhookDelivery delivery = delivery(request);
		AppInvocation call = app.verify(delivery);
		Installation installation = this.apps.resolve(platform, call, app.initialSettings(call));
		if (!installation.enabled()) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("installation", installation.id(), "events", 0, "accepted", 0,
						"state", "awaiting configuration: complete and enable the installation in the admin console"));
		}
		List<RequestEvent> events = app.parse(delivery, installation.config());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(accept(installation.id(), events, Map.of("installation", installation.id())));
	}

	/** Appends the events to the inbox; the answer counts them (plus {@code extra}). */
	private Map<String, Object> accept(String installationId, List<RequestEvent> events, Map<String, Object> extra) {
		int accepted = 0;
		for (RequestEvent event : events) {
			if (this.inbox.append(installationId, event)) {
				accepted++;
			}
		}
		Map<String, Object> answer = new HashMap<>(extra);
		answer.putAll(Map.of("events", events.size(), "accepted", accepted, "duplicates", events.size() - accepted));
		return answer;
	}

	/**
	 * The call as it arrived, refused (413) above {@link #MAX_BODY_BYTES}: a larger declared length before reading,
	 * a longer body one byte past the limit.
	 */
	private static WebhookDelivery delivery(HttpServletRequest request) {
		byte[] raw;
		try {
			raw = BodyLimits.read(request, MAX_BODY_BYTES);
		}
		catch (BodyTooLargeException ex) {
			throw new PlatformRejectedException("body larger than " + MAX_BODY_BYTES + " bytes", 413);
		}
		catch (IOException ex) {
			throw new PlatformRejectedException("the body could not be read: " + ex.getMessage(), 400);
		}
		return new WebhookDelivery(headers(request), query(request), raw);
	}

	/**
	 * The app's admin page inside the desk (Forge's {@code jira:adminPage}, shown to site admins only): the status of
	 * the site's installation, and completing it. Body {@code {"action":"status"}} or
	 * {@code {"action":"configure","settings":{...},"enabled":true}}; settings are merged into the stored ones and
	 * validated like any change (400 listing every problem, nothing changed). The page may choose the project and the
	 * like and enable the installation, never change where or as whom Deskpilot connects: destination settings (the
	 * site's URL comes from the app runtime's signed context) and secrets are refused.
	 */
	@PostMapping("/apps/{platform}/admin")
	ResponseEntity<Map<String, Object>> adminFromApp(@PathVariable String platform, HttpServletRequest request) {
		AppEvents app = appEvents(platform);
		WebhookDelivery delivery = delivery(request);
		byte[] raw = delivery.body();
		AppInvocation call = app.verify(delivery);
		if (!app.fromAdminPage(call)) {
			throw new PlatformRejectedException("settings change only from the app's admin page", 403);
		}
		Installation installation = this.apps.resolve(platform, call, app.initialSettings(call));
		AdminAction action;
		try {
			action = raw.length == 0 ? new AdminAction("status", null, null) : this.json.readValue(raw, AdminAction.class);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new PlatformRejectedException("the body must be {\"action\":\"status\"} or {\"action\":\"configure\",...}", 400);
		}
		if ("configure".equals(action.action())) {
			Map<String, String> settings = action.settings() == null ? Map.of() : action.settings();
			List<String> refused = refusedFromAppPage(this.installations.adapter(installation.platform()), settings);
			if (!refused.isEmpty()) {
				throw new io.deskpilot.connector.installation.InvalidInstallationException(refused);
			}
			Map<String, String> values = new HashMap<>(this.installations.redactedConfig(installation.id()));
			values.putAll(settings);
			installation = this.installations.update(installation.id(), installation.name(), values,
					action.enabled() == null ? installation.enabled() : action.enabled());
			log.info("Installation {} changed from the app's admin page", installation.id());
		}
		else if (!"status".equals(action.action())) {
			throw new PlatformRejectedException("unknown action '" + action.action() + "': status or configure", 400);
		}
		Map<String, Object> status = new HashMap<>(Map.of("installation", installation.id(), "enabled", installation.enabled(),
				"settings", this.installations.redactedConfig(installation.id())));
		// the console of this site's installation (it asks the admin to sign in)
		String id = installation.id();
		this.publicUrl.configured().ifPresent(url -> status.put("consoleUrl", url + "/admin/connections/" + id));
		return ResponseEntity.ok(status);
	}

	/** The settings an app's admin page may not change: unknown ones, destinations and secrets. */
	private static List<String> refusedFromAppPage(PlatformAdapter adapter, Map<String, String> settings) {
		List<String> refused = new java.util.ArrayList<>();
		for (String name : settings.keySet()) {
			java.util.Optional<ConfigField> field = adapter.configFields().stream().filter(f -> f.name().equals(name)).findFirst();
			if (field.isEmpty()) {
				refused.add("Unknown setting '" + name + "'");
			}
			else if (field.get().destination() || field.get().secret()) {
				refused.add(field.get().label() + " cannot be changed from the app's admin page: where and as whom Deskpilot "
						+ "connects comes from the app runtime and Deskpilot's own console");
			}
		}
		return refused;
	}

	/** What the app's admin page asks for. */
	record AdminAction(String action, @org.jspecify.annotations.Nullable Map<String, String> settings,
			@org.jspecify.annotations.Nullable Boolean enabled) {
	}

	@ExceptionHandler(io.deskpilot.connector.installation.InvalidInstallationException.class)
	ResponseEntity<ProblemDetail> invalid(io.deskpilot.connector.installation.InvalidInstallationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("problems", ex.problems());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(WebhookRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(WebhookRejectedException ex, HttpServletRequest request) {
		log.warn("Rejected webhook delivery to {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(), ex.getMessage());
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "webhook verification failed: " + ex.getMessage()));
	}

	@ExceptionHandler(PlatformRejectedException.class)
	ResponseEntity<ProblemDetail> refused(PlatformRejectedException ex) {
		HttpStatus status = HttpStatus.resolve(ex.status());
		HttpStatus s = status == null || !status.is4xxClientError() ? HttpStatus.BAD_REQUEST : status;
		return ResponseEntity.status(s).body(ProblemDetail.forStatusAndDetail(s, ex.getMessage()));
	}

	@ExceptionHandler(UnknownInstallationException.class)
	ResponseEntity<ProblemDetail> unknown(UnknownInstallationException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()));
	}

	private AppEvents appEvents(String platform) {
		PlatformAdapter adapter = this.installations.adapters().stream()
			.filter(a -> a.type().equals(platform))
			.findFirst()
			.orElseThrow(() -> new PlatformRejectedException("no platform '" + platform + "'", 404));
		return adapter.appEvents()
			.orElseThrow(() -> new PlatformRejectedException(platform + " is not installed as an app", 404));
	}

	private static Map<String, String> headers(HttpServletRequest request) {
		Map<String, String> out = new HashMap<>();
		Enumeration<String> names = request.getHeaderNames();
		while (names.hasMoreElements()) {
			String name = names.nextElement();
			out.put(name, request.getHeader(name));
		}
		return out;
	}

	private static Map<String, String> query(HttpServletRequest request) {
		Map<String, String> out = new HashMap<>();
		request.getParameterMap().forEach((k, v) -> {
			if (v.length > 0) {
				out.put(k, v[0]);
			}
		});
		return out;
	}

}
