package io.deskpilot.connector.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.installation.InvalidInstallationException;
import io.deskpilot.connector.installation.OAuthConsents;
import io.deskpilot.connector.installation.UnknownInstallationException;
import io.deskpilot.connector.knowledge.HistoryImport;
import io.deskpilot.connector.knowledge.KnowledgeBases;
import io.deskpilot.connector.platform.ConfigField;
import io.deskpilot.connector.platform.ConnectionCheck;
import io.deskpilot.connector.platform.PlatformAdapter;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.system.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Connections (desks), their knowledge base and their setup. Forms are built from the fields each adapter declares,
 * so no page knows a platform; secrets are shown masked and kept when the mask comes back.
 */
@Controller
class ConnectionsController {

	private final Installations installations;

	private final KnowledgeBases knowledge;

	private final HistoryImport history;

	private final PublicUrl publicUrl;

	private final OAuthConsents consents;

	ConnectionsController(Installations installations, KnowledgeBases knowledge, HistoryImport history, PublicUrl publicUrl,
			OAuthConsents consents) {
		this.consents = consents;
		this.installations = installations;
		this.knowledge = knowledge;
		this.history = history;
		this.publicUrl = publicUrl;
	}

	@GetMapping("/admin/login")
	String login() {
		return "admin/login";
	}

	@GetMapping({ "/admin", "/admin/" })
	String home() {
		return "redirect:/admin/connections";
	}

	@GetMapping("/admin/connections")
	String list(Model model) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Installation i : this.installations.all()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("installation", i);
			row.put("platform", this.installations.adapter(i.platform()).label());
			row.put("stats", this.knowledge.stats(i.id()));
			rows.add(row);
		}
		model.addAttribute("rows", rows);
		model.addAttribute("platforms", this.installations.adapters());
		return "admin/connections";
	}

	@GetMapping("/admin/connections/new")
	String create(@RequestParam String platform, Model model) {
		PlatformAdapter adapter = this.installations.adapter(platform);
		return form(model, adapter, null, "", defaults(adapter), true, List.of());
	}

	@PostMapping("/admin/connections")
	String created(@RequestParam String platform, @RequestParam MultiValueMap<String, String> form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		PlatformAdapter adapter = this.installations.adapter(platform);
		String id = form.getFirst("id");
		String name = form.getFirst("name");
		Map<String, String> values = values(adapter, form);
		try {
			this.installations.create(id == null ? "" : id.strip(), platform, name, values);
		}
		catch (InvalidInstallationException ex) {
			response.setStatus(400);
			values.replaceAll((k, v) -> secret(adapter, k) ? "" : v);
			model.addAttribute("id", id);
			return form(model, adapter, null, name == null ? "" : name, values, true, ex.problems());
		}
		redirect.addFlashAttribute("notice", "Connection " + id.strip() + " added. Test it, then import its history.");
		return "redirect:/admin/connections/" + id.strip();
	}

	@GetMapping("/admin/connections/{id}")
	String edit(@PathVariable String id, Model model) {
		Installation i = this.installations.require(id);
		PlatformAdapter adapter = this.installations.adapter(i.platform());
		return form(model, adapter, i, i.name(), this.installations.redactedConfig(id), i.enabled(), List.of());
	}

	@PostMapping("/admin/connections/{id}")
	String updated(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Installation i = this.installations.require(id);
		PlatformAdapter adapter = this.installations.adapter(i.platform());
		Map<String, String> values = values(adapter, form);
		boolean enabled = form.containsKey("enabled");
		try {
			this.installations.update(id, form.getFirst("name"), values, enabled);
		}
		catch (InvalidInstallationException ex) {
			response.setStatus(400);
			return form(model, adapter, i, form.getFirst("name"), values, enabled, ex.problems());
		}
		redirect.addFlashAttribute("notice", "Saved.");
		return "redirect:/admin/connections/" + id;
	}

	/** htmx: tests the stored settings and answers with the result fragment. */
	@PostMapping("/admin/connections/{id}/test")
	String test(@PathVariable String id, Model model) {
		ConnectionCheck check = this.installations.test(this.installations.require(id).platform(), id, null);
		model.addAttribute("check", check);
		return "admin/fragments :: check";
	}

	/** Sends the admin to the desk's consent page (OAuth installations); the desk sends them back to /oauth/callback. */
	@PostMapping("/admin/connections/{id}/oauth")
	String connectOAuth(@PathVariable String id, HttpServletRequest request) {
		return "redirect:" + this.consents.begin(id, java.net.URI.create(this.publicUrl.oauthCallback(request)));
	}

	@GetMapping("/admin/connections/{id}/setup")
	String setup(@PathVariable String id, Model model, HttpServletRequest request) {
		Installation i = this.installations.require(id);
		String url = this.publicUrl.webhook(request, id);
		model.addAttribute("installation", i);
		model.addAttribute("webhookUrl", url);
		model.addAttribute("steps", this.installations.adapter(i.platform()).setup(i.config(), url, this.publicUrl.oauthCallback(request)));
		return "admin/setup";
	}

	@GetMapping("/admin/connections/{id}/knowledge")
	String knowledge(@PathVariable String id, Model model) {
		model.addAttribute("installation", this.installations.require(id));
		model.addAttribute("stats", this.knowledge.stats(id));
		model.addAttribute("progress", this.history.progress(id).orElse(null));
		return "admin/knowledge";
	}

	/** htmx: starts an import (or returns the running one) and answers with the progress fragment. */
	@PostMapping("/admin/connections/{id}/import")
	String startImport(@PathVariable String id, Model model) {
		model.addAttribute("installation", this.installations.require(id));
		model.addAttribute("progress", this.history.start(id));
		return "admin/fragments :: progress";
	}

	/** htmx: the import's progress (polled every second while it runs). */
	@GetMapping("/admin/connections/{id}/import")
	String importProgress(@PathVariable String id, Model model) {
		model.addAttribute("installation", this.installations.require(id));
		model.addAttribute("progress", this.history.progress(id).orElse(null));
		return "admin/fragments :: progress";
	}

	@PostMapping("/admin/connections/{id}/rebuild")
	String rebuild(@PathVariable String id, RedirectAttributes redirect) {
		this.installations.require(id);
		var counters = this.knowledge.rebuild(id);
		redirect.addFlashAttribute("notice", "Index rebuilt from the database: " + counters);
		return "redirect:/admin/connections/" + id + "/knowledge";
	}

	@ExceptionHandler(UnknownInstallationException.class)
	String unknown(UnknownInstallationException ex, Model model, HttpServletResponse response) {
		response.setStatus(404);
		model.addAttribute("message", ex.getMessage());
		return "admin/error";
	}

	@ExceptionHandler(PlatformRejectedException.class)
	String rejected(PlatformRejectedException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status() >= 400 && ex.status() < 500 ? ex.status() : 400);
		model.addAttribute("message", ex.getMessage());
		return "admin/error";
	}

	private String form(Model model, PlatformAdapter adapter, @Nullable Installation installation, String name,
			Map<String, String> values, boolean enabled, List<String> problems) {
		model.addAttribute("title", installation == null ? "New connection" : installation.name());
		model.addAttribute("adapter", adapter);
		model.addAttribute("fields", adapter.configFields());
		model.addAttribute("installation", installation);
		model.addAttribute("name", name);
		model.addAttribute("values", values);
		model.addAttribute("enabled", enabled);
		model.addAttribute("problems", problems);
		model.addAttribute("mask", Installations.MASK);
		boolean oauth = installation != null && this.consents.uses(installation.id());
		model.addAttribute("oauth", oauth);
		model.addAttribute("grant", oauth ? this.consents.grant(installation.id()).orElse(null) : null);
		return "admin/connection";
	}

	private static Map<String, String> defaults(PlatformAdapter adapter) {
		Map<String, String> out = new LinkedHashMap<>();
		for (ConfigField f : adapter.configFields()) {
			if (f.defaultValue() != null) {
				out.put(f.name(), f.defaultValue());
			}
		}
		return out;
	}

	private static Map<String, String> values(PlatformAdapter adapter, MultiValueMap<String, String> form) {
		Map<String, String> out = new LinkedHashMap<>();
		for (ConfigField f : adapter.configFields()) {
			String v = form.getFirst("field." + f.name());
			if (f.type() == ConfigField.Type.BOOLEAN) {
				v = v == null ? "false" : "true";
			}
			if (v != null) {
				out.put(f.name(), v);
			}
		}
		return out;
	}

	private static boolean secret(PlatformAdapter adapter, String name) {
		return adapter.configFields().stream().anyMatch(f -> f.name().equals(name) && f.secret());
	}

}
