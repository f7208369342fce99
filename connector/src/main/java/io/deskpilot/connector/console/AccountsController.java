package io.deskpilot.connector.console;

import java.security.Principal;
import java.util.List;

import io.deskpilot.connector.workflow.AuditLog;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's local accounts: list, add, change a password, remove. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AccountsController {

	private final AdminAccounts accounts;

	private final AuditLog audit;

	AccountsController(AdminAccounts accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping("/admin/accounts")
	String page(Model model) {
		model.addAttribute("accounts", this.accounts.accounts());
		model.addAttribute("lockouts", lockouts());
		return "admin/accounts";
	}

	/** The recent sign-in lock-outs ({@link LoginThrottle}). */
	private List<AuditLog.Entry> lockouts() {
		return this.audit.search(AuditLog.SYSTEM, null, "console.sign-in.", 20);
	}

	@PostMapping("/admin/accounts")
	String save(@RequestParam String username, @RequestParam String password, @RequestParam String confirm,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		String name = username.strip();
		if (!password.equals(confirm)) {
			return refused(model, response, "The two passwords differ");
		}
		boolean existed = this.accounts.exists(name);
		try {
			this.accounts.save(name, password);
		}
		catch (IllegalArgumentException ex) {
			return refused(model, response, ex.getMessage());
		}
		redirect.addFlashAttribute("notice", existed ? "Password of " + name + " changed." : "Account " + name + " added.");
		return "redirect:/admin/accounts";
	}

	@PostMapping("/admin/accounts/remove")
	String remove(@RequestParam String username, Principal me, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (username.equals(me.getName())) {
			return refused(model, response, "You cannot remove your own account while signed in with it");
		}
		try {
			this.accounts.remove(username);
		}
		catch (IllegalArgumentException ex) {
			return refused(model, response, ex.getMessage());
		}
		redirect.addFlashAttribute("notice", "Account " + username + " removed.");
		return "redirect:/admin/accounts";
	}

	private String refused(Model model, HttpServletResponse response, String problem) {
		response.setStatus(400);
		model.addAttribute("accounts", this.accounts.accounts());
		model.addAttribute("lockouts", lockouts());
		model.addAttribute("problem", problem);
		return "admin/accounts";
	}

}
