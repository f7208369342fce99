package io.deskpilot.connector.intake;

import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.installation.UnknownInstallationException;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.WebhookDelivery;
import io.deskpilot.connector.platform.WebhookHandler;
import io.deskpilot.connector.platform.WebhookRejectedException;
import io.deskpilot.connector.workflow.Inbox;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint of every installation: {@code POST /webhooks/{installationId}}. The delivery is verified on its
 * raw bytes before anything parses it; verified events go to the inbox (duplicates are dropped there) and the call
 * returns 202 at once. Forged deliveries get 401 and leave no trace but a log line.
 */
@RestController
class WebhookController {

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private static final int MAX_BODY_BYTES = 1 << 20;

	private final Installations installations;

	private final Inbox inbox;

	WebhookController(Installations installations, Inbox inbox) {
		this.installations = installations;
		this.inbox = inbox;
	}

	@PostMapping("/webhooks/{installationId}")
	ResponseEntity<Map<String, Object>> receive(@PathVariable String installationId,
			@RequestBody(required = false) byte[] body, HttpServletRequest request) {
		Installation installation = this.installations.require(installationId);
		if (!installation.enabled()) {
			throw new PlatformRejectedException("installation " + installationId + " is disabled", 409);
		}
		byte[] raw = body == null ? new byte[0] : body;
		if (raw.length > MAX_BODY_BYTES) {
			throw new PlatformRejectedException("webhook body larger than " + MAX_BODY_BYTES + " bytes", 413);
		}
		PlatformConnection connection = this.installations.connection(installationId);
		WebhookHandler handler = connection.webhooks()
			.orElseThrow(() -> new PlatformRejectedException("this platform does not send webhooks", 404));
		WebhookDelivery delivery = new WebhookDelivery(headers(request), query(request), raw);
		handler.verify(delivery);
		List<RequestEvent> events = handler.parse(delivery);
		int accepted = 0;
		for (RequestEvent event : events) {
			if (this.inbox.append(installationId, event)) {
				accepted++;
			}
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(Map.of("events", events.size(), "accepted", accepted, "duplicates", events.size() - accepted));
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
