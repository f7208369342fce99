package io.deskpilot.connector.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.deskpilot.connector.console.ConsoleSecurity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what, decided in one place, on the decoded and normalised path (Spring Security's
 * {@link StrictHttpFirewall} rejects encoded slashes and dots, {@code //}, {@code /./}, {@code /../} and
 * {@code ;params} first; path patterns match the decoded path Spring MVC routes on). Deny by default:
 * <ol>
 * <li>the admin API ({@code /api/**}) and the actuator ({@code /actuator/**}) need the admin token as a bearer
 * token, except the health probes; no session, no cookie is looked at;</li>
 * <li>the paths in {@link #publicPaths} are open to anyone, each for the reason it gives;</li>
 * <li>everything else needs a console sign-in (local accounts through {@code LoginThrottle}, or OIDC): the console,
 * the sandbox's agent side, static files not listed, paths nobody mapped.</li>
 * </ol>
 * Every response carries a content security policy, {@code nosniff}, {@code DENY} framing and, when the request came
 * over TLS (directly or through a trusted proxy, {@code server.forward-headers-strategy}), HSTS; the session cookie
 * is then {@code Secure} too.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
public class WebSecurity {

	/** The content security policy of every response: own scripts, styles and forms only, no framing. */
	public static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
			+ "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

	/** Where the console's OIDC sign-in starts: {@code /admin/oauth2/authorization/<registration id>}. */
	static final String OIDC_START = "/admin/oauth2/authorization";

	static final String LOGIN = "/admin/login";

	/** Role of the operator (the admin token). */
	static final String OPERATOR = "OPERATOR";

	/** Role of a console user (signed in). */
	static final String ADMIN = "ADMIN";

	/**
	 * A path anyone may call.
	 *
	 * @param method the method, or null for any
	 * @param pattern a path pattern
	 * @param why what protects it instead of a sign-in
	 */
	public record PublicPath(@Nullable HttpMethod method, String pattern, String why) {
	}

	/**
	 * The explicit public list; nothing else is reachable without credentials. (The chat endpoints will join it
	 * with an identity of their own.)
	 *
	 * @param sandbox whether the sandbox desk is on ({@code deskpilot.sandbox.enabled})
	 * @param simulator whether the JSM simulator is on ({@code deskpilot.jsm-simulator.enabled}, tests and demos)
	 * @param oidc whether a console OIDC client is configured
	 */
	public static List<PublicPath> publicPaths(boolean sandbox, boolean simulator, boolean oidc) {
		List<PublicPath> open = new ArrayList<>(List.of(
				new PublicPath(HttpMethod.GET, "/livez", "liveness probe; says UP or DOWN, nothing more"),
				new PublicPath(HttpMethod.GET, "/readyz", "readiness probe; says UP or DOWN, nothing more"),
				new PublicPath(HttpMethod.GET, "/actuator/health", "health probe; details never shown"),
				new PublicPath(HttpMethod.GET, "/actuator/health/**", "health groups (liveness, readiness); details never shown"),
				new PublicPath(HttpMethod.POST, "/webhooks/*", "desks' webhooks; each delivery verified on its raw bytes (HMAC or the installation's secret)"),
				new PublicPath(HttpMethod.POST, "/apps/*/events", "app runtime (Forge) events; each call verified by its Forge Invocation Token"),
				new PublicPath(HttpMethod.POST, "/apps/*/admin", "the app's admin page (Forge); verified by its Forge Invocation Token, site admins only"),
				new PublicPath(HttpMethod.GET, "/oauth/callback", "a desk's OAuth consent returns here; authorized by the one-time state issued to a signed-in admin"),
				new PublicPath(null, LOGIN, "the console's sign-in page and form (throttled, CSRF-protected)"),
				new PublicPath(HttpMethod.GET, "/admin/assets/**", "the console's style sheet and script (public files)"),
				new PublicPath(HttpMethod.GET, "/webjars/htmx.org/**", "htmx, the console's one library (public files)")));
		if (oidc) {
			open.add(new PublicPath(HttpMethod.GET, OIDC_START + "/**", "starts the console's OIDC sign-in"));
			open.add(new PublicPath(HttpMethod.GET, "/admin/login/oauth2/code/**", "the identity provider's answer to the OIDC sign-in"));
		}
		if (sandbox) {
			open.add(new PublicPath(HttpMethod.GET, "/sandbox", "the sandbox desk's customer page"));
			open.add(new PublicPath(HttpMethod.GET, "/sandbox/", "the sandbox desk's customer page"));
			open.add(new PublicPath(HttpMethod.GET, "/sandbox/index.html", "the sandbox desk's customer page"));
			open.add(new PublicPath(HttpMethod.GET, "/sandbox/sandbox.css", "the customer page's style sheet"));
			open.add(new PublicPath(HttpMethod.GET, "/sandbox/sandbox.js", "the customer page's script"));
			open.add(new PublicPath(null, "/sandbox/api/requests", "customers file and list requests; a visitor sees only the requests filed with its own random cookie"));
			open.add(new PublicPath(null, "/sandbox/api/requests/*", "a customer reads one of their own requests (visitor cookie)"));
			open.add(new PublicPath(null, "/sandbox/api/requests/*/comments", "a customer replies to one of their own requests (visitor cookie)"));
		}
		if (simulator) {
			open.add(new PublicPath(null, "/jsm-sim/**", "the simulated Jira site (tests and demos only) checks its own API tokens"));
		}
		return List.copyOf(open);
	}

	@Bean
	AdminToken adminToken(Environment env) {
		return new AdminToken(env);
	}

	/** Pins the firewall (Spring Security's default): normalised paths, no encoded separators, no path parameters. */
	@Bean
	StrictHttpFirewall httpFirewall() {
		return new StrictHttpFirewall();
	}

	/** A path the firewall rejects is answered 400 with a problem, never echoing the path. */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> BodyLimits.problem(response, 400, "Bad Request",
				"request rejected: the path is not normalised or holds characters that are not allowed");
	}

	@Bean
	@Order(1)
	SecurityFilterChain operator(HttpSecurity http, AdminToken token) throws Exception {
		AuthenticationEntryPoint bearer = (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"deskpilot-admin\"");
			BodyLimits.problem(response, 401, "Unauthorized", "this needs Authorization: Bearer <admin token>");
		};
		http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
				.anyRequest().hasRole(OPERATOR))
			.addFilterBefore(new BearerToken(token), AnonymousAuthenticationFilter.class)
			.csrf(c -> c.disable())
			.requestCache(r -> r.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(e -> e.authenticationEntryPoint(bearer)
				.accessDeniedHandler((request, response, ex) -> BodyLimits.problem(response, 403, "Forbidden", "not allowed")))
			.headers(WebSecurity::headers);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain web(HttpSecurity http, Environment env, ObjectProvider<ClientRegistrationRepository> oidc,
			@Value("${deskpilot.console.oidc-admins:}") List<String> oidcAdmins) throws Exception {
		boolean sandbox = env.getProperty("deskpilot.sandbox.enabled", Boolean.class, true);
		boolean simulator = env.getProperty("deskpilot.jsm-simulator.enabled", Boolean.class, false);
		ClientRegistrationRepository registrations = oidc.getIfAvailable();
		List<PublicPath> open = publicPaths(sandbox, simulator, registrations != null);

		RequestMatcher page = pageNavigation();
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setRequestMatcher(page);
		AuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(LOGIN);
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			// the draft "Cookie" scheme names the sign-in form; htmx follows HX-Redirect
			response.setHeader("WWW-Authenticate", "Cookie realm=\"deskpilot-console\" form-action=\"" + LOGIN + "\"");
			if (request.getHeader("HX-Request") != null) {
				response.setHeader("HX-Redirect", LOGIN);
			}
			BodyLimits.problem(response, 401, "Unauthorized", "sign in to the console first (" + LOGIN + ")");
		};
		AuthenticationFailureHandler failed = (request, response, ex) -> response
			.sendRedirect(request.getContextPath() + LOGIN + (ex instanceof LockedException ? "?locked" : "?error"));

		http.authorizeHttpRequests(a -> {
			// a forward or an error page belongs to a request that was already authorized
			a.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll();
			for (PublicPath p : open) {
				if (p.method() == null) {
					a.requestMatchers(p.pattern()).permitAll();
				}
				else {
					a.requestMatchers(p.method(), p.pattern()).permitAll();
				}
			}
			a.anyRequest().hasRole(ADMIN);
		})
			.formLogin(f -> f.loginPage(LOGIN)
				.loginProcessingUrl(LOGIN)
				.defaultSuccessUrl("/admin/connections")
				.failureHandler(failed))
			.logout(l -> l.logoutUrl("/admin/logout").logoutSuccessUrl(LOGIN + "?logout"))
			// machine callers verify a signature and send no cookies; the sandbox's customer side takes JSON only
			// (a cross-site form cannot send it) and its visitor cookie is SameSite=Strict
			.csrf(c -> c.ignoringRequestMatchers("/webhooks/**", "/apps/**", "/sandbox/api/requests", "/sandbox/api/requests/**",
					"/jsm-sim/**"))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.requestCache(r -> r.requestCache(cache))
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(signIn, page)
				.defaultAuthenticationEntryPointFor(unauthorized, request -> true))
			.headers(WebSecurity::headers);
		if (registrations != null) {
			Set<String> admins = oidcAdmins.stream()
				.map(e -> e.strip().toLowerCase(Locale.ROOT))
				.filter(e -> !e.isEmpty())
				.collect(Collectors.toSet());
			// the sign-in and its callback live under /admin (register the redirect URI
			// {baseUrl}/admin/login/oauth2/code/{registrationId} with the identity provider)
			http.oauth2Login(o -> o.loginPage(LOGIN)
				.authorizationEndpoint(a -> a.baseUri(OIDC_START))
				.loginProcessingUrl("/admin/login/oauth2/code/*")
				.defaultSuccessUrl("/admin/connections")
				.failureUrl(LOGIN + "?error")
				.userInfoEndpoint(u -> u.oidcUserService(ConsoleSecurity.admitted(admins))));
		}
		return http.build();
	}

	private static void headers(HeadersConfigurer<HttpSecurity> h) {
		h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
			.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.httpStrictTransportSecurity(s -> s.includeSubDomains(false).maxAgeInSeconds(31_536_000))
			.frameOptions(Customizer.withDefaults())
			.contentTypeOptions(Customizer.withDefaults());
	}

	/** A browser asking for a page (not a script, not htmx): sent to the sign-in page, and back after. */
	private static RequestMatcher pageNavigation() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(new HeaderContentNegotiationStrategy(), MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return new AndRequestMatcher(request -> "GET".equals(request.getMethod()), html,
				new NegatedRequestMatcher(new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest")),
				new NegatedRequestMatcher(new RequestHeaderRequestMatcher("HX-Request")));
	}

	/** Signs in the operator when the request carries the admin token; anything else stays anonymous (and is refused). */
	private static final class BearerToken extends OncePerRequestFilter {

		private final AdminToken token;

		private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

		BearerToken(AdminToken token) {
			this.token = token;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (this.token.authentic(request.getHeader("Authorization"))) {
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("operator", null,
						AuthorityUtils.createAuthorityList("ROLE_" + OPERATOR)));
				this.contexts.setContext(context);
			}
			chain.doFilter(request, response);
		}

	}

}
