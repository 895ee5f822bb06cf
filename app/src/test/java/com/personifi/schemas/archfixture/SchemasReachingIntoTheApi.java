package com.personifi.schemas.archfixture;

import com.personifi.api.web.NotFoundException;

/** A deliberate violation for ArchitectureTest: the lowest module depending on the API. Test code only. */
public class SchemasReachingIntoTheApi {

    public RuntimeException notFound() {
        return new NotFoundException("x");
    }
}
