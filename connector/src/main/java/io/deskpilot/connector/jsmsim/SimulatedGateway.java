package io.deskpilot.connector.jsmsim;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Atlassian's API gateway for OAuth apps ({@code https://api.atlassian.com/ex/jira/<cloud id>/…}): a call under
 * {@code /jsm-sim/ex/jira/<cloud id>} is served by the simulated site itself; an unknown cloud id is a 404, as on the
 * real gateway.
 */
final class SimulatedGateway extends OncePerRequestFilter {

	private static final String GATEWAY = JsmSimulatorController.PREFIX + "/ex/jira/";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String rest = path.substring(GATEWAY.length());
		int slash = rest.indexOf('/');
		String cloudId = slash < 0 ? rest : rest.substring(0, slash);
		if (!SimulatedAuthServer.CLOUD_ID.equals(cloudId) || slash < 0) {
			response.setStatus(404);
			response.setContentType("application/json");
			response.getWriter().write("{\"errorMessages\":[\"Site not found\"],\"errors\":{}}");
			return;
		}
		// the forwarded request keeps the original query parameters
		request.getRequestDispatcher(JsmSimulatorController.PREFIX + rest.substring(slash)).forward(request, response);
	}

}
