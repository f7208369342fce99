package io.deskpilot.connector.console;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.policy.Policies;
import io.deskpilot.connector.policy.Policy;
import io.deskpilot.connector.routing.Agent;
import io.deskpilot.connector.routing.AgentDirectory;
import io.deskpilot.connector.workflow.Reports;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Agents and routing (skills, capacity, hours, presence, load), and the metrics with their charts. */
@Controller
class AgentsMetricsController {

	static final int CHART_HEIGHT = 120;

	private final Installations installations;

	private final AgentDirectory agents;

	private final Reports reports;

	private final Policies policies;

	AgentsMetricsController(Installations installations, AgentDirectory agents, Reports reports, Policies policies) {
		this.installations = installations;
		this.agents = agents;
		this.reports = reports;
		this.policies = policies;
	}

	@GetMapping("/admin/connections/{id}/agents")
	String agents(@PathVariable String id, Model model) {
		model.addAttribute("installation", this.installations.require(id));
		model.addAttribute("agents", this.agents.agents(id));
		model.addAttribute("loads", this.agents.loads(id));
		model.addAttribute("affinity", this.policies.get(id).affinity());
		model.addAttribute("presences", Agent.PRESENCES);
		return "admin/agents";
	}

	@PostMapping("/admin/connections/{id}/agents/sync")
	String sync(@PathVariable String id, RedirectAttributes redirect) {
		this.installations.require(id);
		redirect.addFlashAttribute("notice", this.agents.sync(id).size() + " agents read from the desk.");
		return "redirect:/admin/connections/" + id + "/agents";
	}

	@PostMapping("/admin/connections/{id}/agents/{agentId}")
	String update(@PathVariable String id, @PathVariable String agentId, @RequestParam String capacity,
			@RequestParam String presence, @RequestParam String timeZone, @RequestParam(defaultValue = "") String skills,
			@RequestParam(defaultValue = "") String workingHours, @RequestParam(required = false) @Nullable String lead,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		this.installations.require(id);
		try {
			int cap = Integer.parseInt(capacity.strip());
			List<String> skillList = Arrays.stream(skills.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
			this.agents.update(id, agentId, new AgentDirectory.Settings(cap, presence, timeZone.strip(), skillList,
					workingHours.strip(), lead != null));
		}
		catch (NumberFormatException ex) {
			return refused(model, response, "Capacity must be a whole number, not '" + capacity + "'");
		}
		catch (RuntimeException ex) {
			if (ex instanceof io.deskpilot.connector.policy.InvalidPolicyException invalid) {
				return refused(model, response, String.join("; ", invalid.problems()));
			}
			if (ex instanceof IllegalArgumentException) {
				return refused(model, response, ex.getMessage());
			}
			throw ex;
		}
		redirect.addFlashAttribute("notice", "Agent " + agentId + " saved.");
		return "redirect:/admin/connections/" + id + "/agents";
	}

	@GetMapping("/admin/connections/{id}/metrics")
	String metrics(@PathVariable String id, @RequestParam(defaultValue = "14") int days, Model model) {
		int span = Math.max(1, Math.min(days, 90));
		Policy policy = this.policies.get(id);
		Reports.Period period = this.reports.period(id, span, policy.zone());
		long max = Math.max(1, period.days().values().stream().mapToLong(Long::longValue).max().orElse(1));
		List<Map<String, Object>> bars = new ArrayList<>();
		int i = 0;
		for (Map.Entry<LocalDate, Long> day : period.days().entrySet()) {
			Map<String, Object> bar = new LinkedHashMap<>();
			int h = (int) Math.round((double) day.getValue() / max * CHART_HEIGHT);
			bar.put("x", 10 + i * 28);
			bar.put("y", 10 + CHART_HEIGHT - h);
			bar.put("h", h);
			bar.put("value", day.getValue());
			bar.put("label", day.getKey().getDayOfMonth() + "." + day.getKey().getMonthValue() + ".");
			bars.add(bar);
			i++;
		}
		Map<String, Integer> loads = this.agents.loads(id);
		List<Map<String, Object>> loadBars = new ArrayList<>();
		int maxLoad = 1;
		for (Agent a : this.agents.agents(id)) {
			maxLoad = Math.max(maxLoad, Math.max(a.capacity(), loads.getOrDefault(a.id(), 0)));
		}
		for (Agent a : this.agents.agents(id)) {
			Map<String, Object> bar = new LinkedHashMap<>();
			int load = loads.getOrDefault(a.id(), 0);
			bar.put("name", a.displayName());
			bar.put("load", load);
			bar.put("capacity", a.capacity());
			bar.put("w", (int) Math.round(300.0 * load / maxLoad));
			bar.put("cap", (int) Math.round(300.0 * a.capacity() / maxLoad));
			loadBars.add(bar);
		}
		model.addAttribute("installation", this.installations.require(id));
		model.addAttribute("period", period);
		model.addAttribute("span", span);
		model.addAttribute("bars", bars);
		model.addAttribute("chartWidth", 20 + bars.size() * 28);
		model.addAttribute("chartHeight", CHART_HEIGHT + 40);
		model.addAttribute("loadBars", loadBars);
		model.addAttribute("p50", words(period.firstResponseP50()));
		model.addAttribute("p90", words(period.firstResponseP90()));
		model.addAttribute("deflection", Reports.DEFLECTION);
		return "admin/metrics";
	}

	private static String refused(Model model, HttpServletResponse response, String message) {
		response.setStatus(400);
		model.addAttribute("message", message);
		return "admin/error";
	}

	static String words(@Nullable Duration d) {
		if (d == null) {
			return "no data yet";
		}
		if (d.toSeconds() < 120) {
			return d.toSeconds() + " s";
		}
		if (d.toMinutes() < 120) {
			return d.toMinutes() + " min";
		}
		return String.format(java.util.Locale.ROOT, "%.1f h", d.toMinutes() / 60.0);
	}

}
