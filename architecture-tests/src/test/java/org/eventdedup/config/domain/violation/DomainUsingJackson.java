package org.eventdedup.config.domain.violation;

/** Breaks "the config domain depends only on the JDK, jakarta.validation and itself". */
public class DomainUsingJackson {
    com.fasterxml.jackson.databind.ObjectMapper mapper;
}
