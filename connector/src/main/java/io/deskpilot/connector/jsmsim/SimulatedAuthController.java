package io.deskpilot.connector.jsmsim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The simulated site's OAuth 2.0 (3LO) endpoints, at the paths Atlassian serves them (under {@code /jsm-sim} instead of
 * {@code auth.atlassian.com} and {@code api.atlassian.com}): the consent page {@code /authorize}, the token endpoint
 * {@code /oauth/token} (form or JSON bodies, as Atlassian accepts both), and {@code /oauth/token/accessible-resources}.
 */
@RestController
@ConditionalOnBooleanProperty("deskpilot.jsm-simulator.enabled")
@RequestMapping(path = JsmSimulatorController.PREFIX, produces = MediaType.APPLICATION_JSON_VALUE)
class SimulatedAuthController {

	private final JsmSimulator sim;

	SimulatedAuthController(JsmSimulator sim) {
		this.sim = sim;
	}

	/** The consent page; the simulated admin consents at once, so it answers with the redirect back. */
	@GetMapping("/authorize")
	ResponseEntity<?> authorize(@RequestParam Map<String, String> params) {
		String location = this.sim.oauth().authorize(params);
		return ResponseEntity.status(302).header("Location", location).build();
	}

	@PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<?> tokenForm(@RequestParam MultiValueMap<String, String> form) {
		return tokens(form.toSingleValueMap());
	}

	@PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> tokenJson(@RequestBody JsonNode body) {
		Map<String, String> params = new LinkedHashMap<>();
		body.properties().forEach(e -> params.put(e.getKey(), e.getValue().asString("")));
		return tokens(params);
	}

	@GetMapping("/oauth/token/accessible-resources")
	List<Map<String, Object>> accessibleResources(@RequestHeader(name = "Authorization", defaultValue = "") String authorization,
			HttpServletRequest http) {
		String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
		String site = http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort() + JsmSimulatorController.PREFIX;
		return this.sim.oauth().accessibleResources(token, site);
	}

	@PostMapping("/_sim/oauth/revoke")
	ResponseEntity<Void> revoke() {
		this.sim.oauth().revokeAll();
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/_sim/oauth/stats")
	Map<String, Long> stats() {
		return this.sim.oauth().stats();
	}

	private ResponseEntity<?> tokens(Map<String, String> params) {
		SimulatedAuthServer.Tokens t = this.sim.oauth().token(params);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", t.accessToken());
		body.put("expires_in", t.expiresIn());
		body.put("token_type", "Bearer");
		if (t.refreshToken() != null) {
			body.put("refresh_token", t.refreshToken());
		}
		body.put("scope", t.scope());
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
	}

	@ExceptionHandler(SimulatedAuthServer.OAuthError.class)
	ResponseEntity<Map<String, String>> refused(SimulatedAuthServer.OAuthError ex) {
		return ResponseEntity.status(ex.status).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ex.error, "error_description", ex.getMessage()));
	}

}
