package io.deskpilot.connector.console;

import java.util.Locale;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who may sign in to the console: local accounts ({@link AdminAccounts}, passwords as bcrypt hashes, sign-ins
 * throttled by {@link LoginThrottle}) and, when configured, OIDC users on the list of admins. Which paths need a
 * sign-in is decided by {@code web.WebSecurity}.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurity {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * OIDC sign-in admits only the listed e-mail addresses ({@code deskpilot.console.oidc-admins}), verified by the
	 * provider, as role ADMIN; with no list, nobody: an identity provider alone does not make someone a Deskpilot
	 * admin.
	 */
	public static OAuth2UserService<OidcUserRequest, OidcUser> admitted(Set<String> admins) {
		OidcUserService delegate = new OidcUserService();
		return request -> {
			OidcUser user = delegate.loadUser(request);
			String email = user.getEmail() == null ? "" : user.getEmail().toLowerCase(Locale.ROOT);
			if (!admins.contains(email) || !Boolean.TRUE.equals(user.getEmailVerified())) {
				throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
						"this account is not a Deskpilot admin (deskpilot.console.oidc-admins)", null));
			}
			return new DefaultOidcUser(AuthorityUtils.createAuthorityList("ROLE_ADMIN"), user.getIdToken(),
					user.getUserInfo(), "email");
		};
	}

}
