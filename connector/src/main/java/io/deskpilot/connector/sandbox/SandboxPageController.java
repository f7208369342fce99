package io.deskpilot.connector.sandbox;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the sandbox desk's page at {@code /sandbox/}. */
@Controller
class SandboxPageController {

	@GetMapping({ "/sandbox", "/sandbox/" })
	String page() {
		return "forward:/sandbox/index.html";
	}

	/**
	 * "Answer as an agent": behind the console sign-in, so a visitor who is not signed in goes through the sign-in
	 * page and comes back to the desk's page, now with its agent side.
	 */
	@GetMapping("/sandbox/agent")
	String agent() {
		return "redirect:/sandbox/#agent";
	}

}
