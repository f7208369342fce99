package io.deskpilot.connector.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.knowledge.Backtest;
import io.deskpilot.connector.knowledge.KnowledgeBases;
import io.deskpilot.connector.policy.Policies;
import io.deskpilot.connector.policy.Policy;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The backtest: the precision/coverage curve over answer thresholds, from the last resolved tickets, without leakage. */
@Controller
class BacktestController {

	static final int X0 = 50;

	static final int WIDTH = 400;

	static final int Y0 = 20;

	static final int HEIGHT = 200;

	private final Installations installations;

	private final KnowledgeBases knowledge;

	private final Policies policies;

	BacktestController(Installations installations, KnowledgeBases knowledge, Policies policies) {
		this.installations = installations;
		this.knowledge = knowledge;
		this.policies = policies;
	}

	@GetMapping("/admin/connections/{id}/backtest")
	String page(@PathVariable String id, Model model) {
		model.addAttribute("installation", this.installations.require(id));
		model.addAttribute("definition", Backtest.DEFINITION);
		return "admin/backtest";
	}

	/** htmx: runs the backtest over the last {@code tickets} resolved tickets and answers with the curve. */
	@PostMapping("/admin/connections/{id}/backtest")
	String run(@PathVariable String id, @RequestParam(defaultValue = "100") int tickets, Model model) {
		this.installations.require(id);
		int n = Math.max(10, Math.min(tickets, 1000));
		long start = System.nanoTime();
		Backtest.Result result = this.knowledge.backtest(id, n);
		long millis = (System.nanoTime() - start) / 1_000_000;
		Policy policy = this.policies.get(id);
		double current = policy.answerThreshold() != null ? policy.answerThreshold() : this.knowledge.defaultThresholds().answerThreshold();
		List<Map<String, Object>> rows = new ArrayList<>();
		StringBuilder precision = new StringBuilder();
		StringBuilder coverage = new StringBuilder();
		for (Backtest.Point p : result.curve()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("threshold", Math.round(p.threshold() * 100));
			row.put("precision", Double.isNaN(p.precision()) ? "—" : Math.round(p.precision() * 1000) / 10.0 + "%");
			row.put("coverage", Math.round(p.coverage() * 1000) / 10.0);
			row.put("answered", p.answered());
			row.put("current", Math.abs(p.threshold() - current) < 0.025);
			rows.add(row);
			if (!Double.isNaN(p.precision())) {
				precision.append(x(p.threshold())).append(',').append(y(p.precision())).append(' ');
			}
			coverage.append(x(p.threshold())).append(',').append(y(p.coverage())).append(' ');
		}
		model.addAttribute("installation", this.installations.require(id));
		model.addAttribute("result", result);
		model.addAttribute("rows", rows);
		model.addAttribute("precisionLine", precision.toString().strip());
		model.addAttribute("coverageLine", coverage.toString().strip());
		model.addAttribute("currentX", x(current));
		model.addAttribute("currentPercent", Math.round(current * 100));
		model.addAttribute("millis", millis);
		return "admin/backtest :: result";
	}

	static int x(double threshold) {
		return X0 + (int) Math.round(threshold * WIDTH);
	}

	static int y(double share) {
		return Y0 + HEIGHT - (int) Math.round(share * HEIGHT);
	}

}
