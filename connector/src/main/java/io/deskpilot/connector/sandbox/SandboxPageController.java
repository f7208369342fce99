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

}
