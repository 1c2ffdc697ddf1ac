package org.modelops.portal.testing;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/** The running portal's RestClient and JSON set-up (Spring Boot's auto-configuration), without a web server. */
public final class PortalHttp implements AutoCloseable {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            RestClientAutoConfiguration.class})
    static class Client {
    }

    private final ConfigurableApplicationContext spring = new SpringApplicationBuilder(Client.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .run();

    public RestClient.Builder restClient() {
        return spring.getBean(RestClient.Builder.class);
    }

    public JsonMapper json() {
        return spring.getBean(JsonMapper.class);
    }

    @Override
    public void close() {
        spring.close();
    }
}
