package io.deskpilot.connector.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.bot.kb.Match;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.workflow.Playground;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Type a request, see what the bot would do: the decision, the tickets it found and why, the reply as posted. */
@Controller
class PlaygroundController {

	private final Playground playground;

	private final Installations installations;

	PlaygroundController(Playground playground, Installations installations) {
		this.playground = playground;
		this.installations = installations;
	}

	@GetMapping("/admin/playground")
	String page(Model model) {
		model.addAttribute("installations", this.installations.all());
		return "admin/playground";
	}

	/** htmx: the trial's result fragment (400 with the problem when the input is incomplete). */
	@PostMapping("/admin/playground")
	String trial(@RequestParam String installation, @RequestParam(defaultValue = "") String summary,
			@RequestParam(defaultValue = "") String description, @RequestParam(required = false) @Nullable String customer,
			@RequestParam(required = false) @Nullable String requestType, Model model, HttpServletResponse response) {
		if (summary.isBlank() && description.isBlank()) {
			response.setStatus(400);
			model.addAttribute("problem", "Type a summary or a description of the request.");
			return "admin/playground :: result";
		}
		Playground.Trial trial = this.playground.run(installation, summary.strip(), description.strip(), customer, null,
				requestType);
		Highlighter highlighter = new Highlighter(summary + "\n" + description);
		List<Map<String, Object>> evidence = new ArrayList<>();
		for (Match m : trial.decision().evidence()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("match", m);
			row.put("chosen", trial.decision().chosen() != null && trial.decision().chosen().id().equals(m.id()));
			row.put("summary", highlighter.mark(m.entry().summary(), 300));
			row.put("description", highlighter.mark(m.entry().description(), 400));
			row.put("answer", highlighter.mark(m.entry().answer(), 400));
			evidence.add(row);
		}
		model.addAttribute("trial", trial);
		model.addAttribute("evidence", evidence);
		return "admin/playground :: result";
	}

}
