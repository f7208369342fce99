package io.deskpilot.connector.web;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body over its limit is answered 413 with the limit, wherever it was read: directly
 * ({@link BodyTooLargeException}) or by a message converter, which wraps it in a
 * {@link HttpMessageNotReadableException} (other unreadable bodies stay 400).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

	@ExceptionHandler(BodyTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.header("Connection", "close")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		BodyTooLargeException tooLarge = cause(ex);
		if (tooLarge != null) {
			return tooLarge(tooLarge);
		}
		return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Failed to read request"));
	}

	private static @Nullable BodyTooLargeException cause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLargeException b) {
				return b;
			}
		}
		return null;
	}

}
