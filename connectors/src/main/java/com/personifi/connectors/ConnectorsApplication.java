package com.personifi.connectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The connector process on its own (production); the app module runs it together with everything else. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectorsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConnectorsApplication.class, args);
    }
}
