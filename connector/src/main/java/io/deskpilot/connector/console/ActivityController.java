package io.deskpilot.connector.console;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.workflow.AdminActions;
import io.deskpilot.connector.workflow.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every bot action with its reason and a link to the ticket; filter and search; undo a bot resolution. */
@Controller
class ActivityController {

	static final int PAGE = 200;

	private final Installations installations;

	private final AuditLog audit;

	private final AdminActions actions;

	private final JsonMapper json;

	ActivityController(Installations installations, AuditLog audit, AdminActions actions, JsonMapper json) {
		this.installations = installations;
		this.audit = audit;
		this.actions = actions;
		this.json = json;
	}

	@GetMapping("/admin/activity")
	String activity(@RequestParam(required = false) @Nullable String installation,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String kind,
			Model model) {
		List<Installation> all = this.installations.all();
		model.addAttribute("installations", all);
		if (all.isEmpty()) {
			model.addAttribute("entries", List.of());
			return "admin/activity";
		}
		String id = installation != null && all.stream().anyMatch(i -> i.id().equals(installation)) ? installation
				: all.get(0).id();
		List<AuditLog.Entry> entries = this.audit.search(id, q, kind, PAGE);
		PlatformConnection connection = this.installations.connection(id);
		List<String> undoable = this.actions.resolvedByBot(id,
				entries.stream().map(AuditLog.Entry::requestKey).filter(Objects::nonNull).toList());
		List<Map<String, Object>> rows = new ArrayList<>();
		for (AuditLog.Entry e : entries) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("entry", e);
			row.put("url", e.requestKey() == null ? null : connection.ticketUrl(e.requestKey()).orElse(null));
			row.put("detail", summary(e.detail()));
			row.put("undo", e.requestKey() != null && undoable.contains(e.requestKey())
					&& ("action.transition".equals(e.action()) && "moved to RESOLVED".equals(e.detail())
							|| e.action().equals("request.resolved")));
			rows.add(row);
		}
		model.addAttribute("selected", id);
		model.addAttribute("q", q);
		model.addAttribute("kind", kind);
		model.addAttribute("entries", rows);
		return "admin/activity";
	}

	@PostMapping("/admin/activity/undo")
	String undo(@RequestParam String installation, @RequestParam String request, Principal admin,
			RedirectAttributes redirect) {
		this.actions.undoResolution(installation, request, admin.getName());
		redirect.addFlashAttribute("notice", "The bot's resolution of " + request + " is being undone: it goes back to an agent.");
		redirect.addAttribute("installation", installation);
		redirect.addAttribute("q", request);
		return "redirect:/admin/activity";
	}

	@org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
	String refused(IllegalArgumentException ex, Model model, HttpServletResponse response) {
		response.setStatus(409);
		model.addAttribute("message", ex.getMessage());
		return "admin/error";
	}

	/** Decision details are JSON: the explanation is what a person reads. */
	private String summary(@Nullable String detail) {
		if (detail == null) {
			return "";
		}
		if (detail.startsWith("{")) {
			try {
				JsonNode explanation = this.json.readTree(detail).path("explanation");
				if (explanation.isString()) {
					return explanation.asString();
				}
			}
			catch (JacksonException ex) {
				// not JSON after all: shown as it is
			}
		}
		return detail.length() > 400 ? detail.substring(0, 400) + "…" : detail;
	}

}
