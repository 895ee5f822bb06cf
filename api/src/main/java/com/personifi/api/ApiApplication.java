package com.personifi.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The API process on its own (production); the app module runs it together with everything else. */
@SpringBootApplication(scanBasePackages = {"com.personifi.api", "com.personifi.ingest"})
@ConfigurationPropertiesScan({"com.personifi.api", "com.personifi.ingest"})
public class ApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiApplication.class, args);
    }
}
