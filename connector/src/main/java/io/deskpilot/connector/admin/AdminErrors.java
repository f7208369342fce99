package io.deskpilot.connector.admin;

import io.deskpilot.connector.installation.InvalidInstallationException;
import io.deskpilot.connector.installation.UnknownInstallationException;
import io.deskpilot.connector.platform.PlatformRejectedException;
import io.deskpilot.connector.policy.InvalidPolicyException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the admin API answers what it refuses: invalid settings, policies or rules are 400 with every problem listed,
 * an unknown installation is 404, a desk's refusal keeps its 4xx status.
 */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

	@ExceptionHandler(InvalidInstallationException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidInstallationException ex) {
		return badRequest(ex.getMessage(), ex.problems());
	}

	@ExceptionHandler(InvalidPolicyException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidPolicyException ex) {
		return badRequest(ex.getMessage(), ex.problems());
	}

	@ExceptionHandler(UnknownInstallationException.class)
	ResponseEntity<ProblemDetail> unknown(UnknownInstallationException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()));
	}

	@ExceptionHandler(PlatformRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(PlatformRejectedException ex) {
		HttpStatus status = HttpStatus.resolve(ex.status());
		HttpStatus s = status == null || !status.is4xxClientError() ? HttpStatus.BAD_REQUEST : status;
		return ResponseEntity.status(s).body(ProblemDetail.forStatusAndDetail(s, ex.getMessage()));
	}

	private static ResponseEntity<ProblemDetail> badRequest(String detail, java.util.List<String> problems) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		p.setProperty("problems", problems);
		return ResponseEntity.badRequest().body(p);
	}

}
