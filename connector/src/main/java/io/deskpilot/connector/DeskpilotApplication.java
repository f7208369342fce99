package io.deskpilot.connector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Deskpilot: answers help-desk requests from resolved tickets, keeps customers posted and routes the rest. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DeskpilotApplication {

	public static void main(String[] args) {
		SpringApplication.run(DeskpilotApplication.class, args);
	}

}
