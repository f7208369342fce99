package io.deskpilot.connector.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.deskpilot.connector.conversation.Templates;
import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.KnowledgeBases;
import io.deskpilot.connector.policy.InvalidPolicyException;
import io.deskpilot.connector.policy.Policies;
import io.deskpilot.connector.policy.Policy;
import io.deskpilot.connector.routing.RoutingRules;
import io.deskpilot.connector.routing.RuleKind;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An installation's policy: thresholds, shadow mode, business hours and targets, never-auto-answer rules, reply
 * templates per language. Every change is validated as a whole; an invalid one is shown with all its problems and
 * changes nothing.
 */
@Controller
class PolicyController {

	private final Installations installations;

	private final Policies policies;

	private final RoutingRules rules;

	private final KnowledgeBases knowledge;

	private final JsonMapper json;

	PolicyController(Installations installations, Policies policies, RoutingRules rules, KnowledgeBases knowledge,
			JsonMapper json) {
		this.installations = installations;
		this.policies = policies;
		this.rules = rules;
		this.knowledge = knowledge;
		this.json = json;
	}

	@GetMapping("/admin/connections/{id}/policy")
	String page(@PathVariable String id, @RequestParam(required = false) @Nullable String lang, Model model) {
		return render(id, lang, model, List.of());
	}

	@PostMapping("/admin/connections/{id}/policy")
	String save(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		this.installations.require(id);
		ObjectNode changes = this.json.createObjectNode();
		changes.put("shadowMode", form.containsKey("shadowMode"));
		changes.set("shadowRequestTypes", this.json.valueToTree(split(form.getFirst("shadowRequestTypes"))));
		changes.put("affinity", form.containsKey("affinity"));
		for (String name : List.of("confirmationDays", "firstResponseMinutes", "slaWarningMinutes", "noticeIntervalMinutes",
				"clusterSize", "clusterWindowMinutes")) {
			String v = form.getFirst(name);
			try {
				changes.put(name, Integer.parseInt(v == null ? "" : v.strip()));
			}
			catch (NumberFormatException ex) {
				return invalid(id, model, response, List.of(name + ": '" + v + "' is not a whole number"));
			}
		}
		for (String name : List.of("timeZone", "businessHours", "defaultLanguage")) {
			changes.put(name, form.getFirst(name) == null ? "" : form.getFirst(name).strip());
		}
		for (String name : List.of("answerThreshold", "suggestThreshold")) {
			String v = form.getFirst(name);
			if (v == null || v.isBlank()) {
				changes.putNull(name);
				continue;
			}
			try {
				changes.put(name, Double.parseDouble(v.strip()) / 100.0);
			}
			catch (NumberFormatException ex) {
				return invalid(id, model, response, List.of(name + ": '" + v + "' is not a percentage"));
			}
		}
		try {
			this.policies.update(id, changes);
		}
		catch (InvalidPolicyException ex) {
			return invalid(id, model, response, ex.problems());
		}
		redirect.addFlashAttribute("notice", "Policy saved.");
		return "redirect:/admin/connections/" + id + "/policy";
	}

	@PostMapping("/admin/connections/{id}/templates")
	String templates(@PathVariable String id, @RequestParam String lang, @RequestParam MultiValueMap<String, String> form,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Policy policy = this.policies.get(id);
		Map<String, Map<String, String>> all = new TreeMap<>(policy.templates());
		Map<String, String> overrides = new LinkedHashMap<>();
		for (String name : Templates.NAMES.keySet()) {
			String v = form.getFirst("template." + name);
			String text = v == null ? "" : v.replace("\r\n", "\n").strip();
			if (!text.isEmpty() && !text.equals(Templates.builtIn(lang, name).strip())) {
				overrides.put(name, text);
			}
		}
		if (overrides.isEmpty()) {
			all.remove(lang);
		}
		else {
			all.put(lang, overrides);
		}
		ObjectNode changes = this.json.createObjectNode();
		changes.set("templates", this.json.valueToTree(all));
		try {
			this.policies.update(id, changes);
		}
		catch (InvalidPolicyException ex) {
			response.setStatus(400);
			return render(id, lang, model, ex.problems());
		}
		redirect.addFlashAttribute("notice", "Templates (" + lang + ") saved: " + overrides.size() + " changed from the built-in texts.");
		redirect.addAttribute("lang", lang);
		return "redirect:/admin/connections/" + id + "/policy";
	}

	@PostMapping("/admin/connections/{id}/rules")
	String addRule(@PathVariable String id, @RequestParam String kind, @RequestParam String value,
			@RequestParam(required = false) @Nullable String note, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		this.installations.require(id);
		try {
			RuleKind k;
			try {
				k = RuleKind.valueOf(kind);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidPolicyException(List.of("kind: '" + kind + "' is not a rule kind"));
			}
			this.rules.add(id, k, value, note);
		}
		catch (InvalidPolicyException ex) {
			return invalid(id, model, response, ex.problems());
		}
		redirect.addFlashAttribute("notice", "Rule added: " + kind + " " + value);
		return "redirect:/admin/connections/" + id + "/policy";
	}

	@PostMapping("/admin/connections/{id}/rules/{ruleId}/delete")
	String removeRule(@PathVariable String id, @PathVariable long ruleId, RedirectAttributes redirect) {
		this.installations.require(id);
		redirect.addFlashAttribute("notice", this.rules.remove(id, ruleId) ? "Rule removed." : "That rule was already gone.");
		return "redirect:/admin/connections/" + id + "/policy";
	}

	private String invalid(String id, Model model, HttpServletResponse response, List<String> problems) {
		response.setStatus(400);
		return render(id, null, model, problems);
	}

	private String render(String id, @Nullable String lang, Model model, List<String> problems) {
		Installation installation = this.installations.require(id);
		Policy policy = this.policies.get(id);
		String language = lang != null && Templates.LANGUAGES.contains(lang) ? lang : policy.defaultLanguage();
		Map<String, String> texts = new LinkedHashMap<>();
		Map<String, String> overrides = policy.templates().getOrDefault(language, Map.of());
		for (String name : Templates.NAMES.keySet()) {
			texts.put(name, overrides.getOrDefault(name, Templates.builtIn(language, name)));
		}
		var defaults = this.knowledge.defaultThresholds();
		model.addAttribute("installation", installation);
		model.addAttribute("policy", policy);
		model.addAttribute("problems", problems);
		model.addAttribute("rules", this.rules.rules(id));
		model.addAttribute("kinds", RuleKind.values());
		model.addAttribute("language", language);
		model.addAttribute("languages", Templates.LANGUAGES);
		model.addAttribute("texts", texts);
		model.addAttribute("placeholders", Templates.NAMES);
		model.addAttribute("overridden", overrides.keySet());
		model.addAttribute("answerPercent", percent(policy.answerThreshold()));
		model.addAttribute("suggestPercent", percent(policy.suggestThreshold()));
		model.addAttribute("defaultAnswer", Math.round(defaults.answerThreshold() * 100));
		model.addAttribute("defaultSuggest", Math.round(defaults.suggestThreshold() * 100));
		return "admin/policy";
	}

	private static String percent(@Nullable Double threshold) {
		return threshold == null ? "" : Long.toString(Math.round(threshold * 100));
	}

	private static List<String> split(@Nullable String csv) {
		return csv == null ? List.of() : java.util.Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

}
