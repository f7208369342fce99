package io.deskpilot.connector.console;

import io.deskpilot.connector.installation.OAuthConsents;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.platform.TransientPlatformException;
import io.deskpilot.connector.system.PublicUrl;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where a desk's OAuth consent page sends the admin's browser back ({@value PublicUrl#OAUTH_CALLBACK}, the callback URL
 * registered with the OAuth app). It sits outside the console's login because the one-time {@code state}, issued to a
 * signed-in admin and kept in the database, is what authorizes it; the admin then lands on the connection's page.
 */
@Controller
class OAuthCallbackController {

	private final OAuthConsents consents;

	OAuthCallbackController(OAuthConsents consents) {
		this.consents = consents;
	}

	@GetMapping(PublicUrl.OAUTH_CALLBACK)
	String callback(@RequestParam(required = false) @Nullable String code, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String error,
			@RequestParam(name = "error_description", required = false) @Nullable String description, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (error != null) {
			response.setStatus(400);
			model.addAttribute("message", "The desk did not grant access (" + error
					+ (description == null ? "" : ": " + description) + "). Nothing was changed; connect again to retry.");
			return "admin/error";
		}
		try {
			OAuthConsents.Completed done = this.consents.complete(state, code);
			redirect.addFlashAttribute("notice", done.message() + ". Test the connection, then import its history.");
			return "redirect:/admin/connections/" + done.installationId();
		}
		catch (PlatformRejectedException ex) {
			response.setStatus(ex.status() >= 400 && ex.status() < 500 ? ex.status() : 400);
			model.addAttribute("message", ex.getMessage());
			return "admin/error";
		}
		catch (TransientPlatformException ex) {
			response.setStatus(502);
			model.addAttribute("message", "The desk could not be reached to finish the consent (" + ex.getMessage()
					+ "). Nothing was changed; connect again in a moment.");
			return "admin/error";
		}
	}

}
