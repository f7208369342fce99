package io.deskpilot.connector.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.deskpilot.connector.installation.AppInstallations;
import io.deskpilot.connector.installation.Installation;
import io.deskpilot.connector.installation.Installations;
import io.deskpilot.connector.platform.EventType;
import io.deskpilot.connector.platform.PlatformConnection;
import io.deskpilot.connector.platform.RequestEvent;
import io.deskpilot.connector.platform.WebhookHandler;
import io.deskpilot.connector.platform.WebhookRejectedException;
import io.deskpilot.connector.workflow.Inbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@org.springframework.context.annotation.Import({ io.deskpilot.connector.web.WebSecurity.class,
		io.deskpilot.connector.system.PublicUrl.class })
@WebMvcTest(WebhookController.class)
class WebhookControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Installations installations;

	@MockitoBean
	Inbox inbox;

	@MockitoBean
	AppInstallations apps;

	WebhookHandler handler = mock(WebhookHandler.class);

	@BeforeEach
	void installation() {
		given(this.installations.require("acme"))
			.willReturn(new Installation("acme", "sandbox", "Acme", Map.of(), true, Instant.EPOCH, Instant.EPOCH));
		PlatformConnection connection = mock(PlatformConnection.class);
		given(connection.webhooks()).willReturn(Optional.of(this.handler));
		given(this.installations.connection("acme")).willReturn(connection);
	}

	@Test
	void forgedDelivery_isRejectedWith401_andNothingIsParsedOrStored() throws Exception {
		willThrow(new WebhookRejectedException("signature does not match the body")).given(this.handler).verify(any());

		this.mvc.perform(post("/webhooks/acme").contentType(MediaType.APPLICATION_JSON).content("{\"event\":\"x\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value("webhook verification failed: signature does not match the body"));

		then(this.handler).should(never()).parse(any());
		then(this.inbox).shouldHaveNoInteractions();
	}

	@Test
	void verifiedDelivery_goesToTheInbox_andDuplicatesAreCounted() throws Exception {
		RequestEvent event = new RequestEvent(EventType.REQUEST_CREATED, "HELP-1", "hook-1", Instant.EPOCH, null);
		given(this.handler.parse(any())).willReturn(List.of(event));
		given(this.inbox.append("acme", event)).willReturn(true, false);

		this.mvc.perform(post("/webhooks/acme").content("{}")).andExpect(status().isAccepted()).andExpect(jsonPath("$.accepted").value(1));
		this.mvc.perform(post("/webhooks/acme").content("{}")).andExpect(status().isAccepted()).andExpect(jsonPath("$.duplicates").value(1));
		then(this.inbox).should(org.mockito.Mockito.times(2)).append(eq("acme"), eq(event));
	}

	@Test
	void unknownInstallation_is404() throws Exception {
		given(this.installations.require("nope")).willThrow(new io.deskpilot.connector.installation.UnknownInstallationException("nope"));
		this.mvc.perform(post("/webhooks/nope").content("{}")).andExpect(status().isNotFound());
	}

	@Test
	void aBodyOverOneMebibyte_is413_andNeverReachesTheHandler() throws Exception {
		byte[] large = new byte[(1 << 20) + 1];
		this.mvc.perform(post("/webhooks/acme").content(large))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("1048576 bytes")));
		then(this.handler).shouldHaveNoInteractions();
		then(this.inbox).shouldHaveNoInteractions();
	}

	@Test
	void theInstallation_isCheckedBeforeTheBodyIsRead() throws Exception {
		given(this.installations.require("nope")).willThrow(new io.deskpilot.connector.installation.UnknownInstallationException("nope"));
		this.mvc.perform(new UnreadableBody().uri("/webhooks/nope").header("Content-Length", "1000"))
			.andExpect(status().isNotFound());
	}

	/** A POST whose body fails the test if anything reads it. */
	static final class UnreadableBody
			extends org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<UnreadableBody> {

		UnreadableBody() {
			super(org.springframework.http.HttpMethod.POST);
		}

		@Override
		protected org.springframework.mock.web.MockHttpServletRequest createServletRequest(jakarta.servlet.ServletContext context) {
			return new org.springframework.mock.web.MockHttpServletRequest(context) {
				@Override
				public jakarta.servlet.ServletInputStream getInputStream() {
					throw new AssertionError("the body of a delivery to an unknown installation was read");
				}
			};
		}

	}

}
