package io.policyledger.command.access;

import io.policyledger.core.access.Caller;
import io.policyledger.eventstore.CallerMetadata;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

/**
 * Lets a command handler take the {@link Caller} as a parameter, read from the command's metadata.
 * Registered through {@code META-INF/services}, so Spring and Axon's test fixtures both find it.
 */
public class CallerParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<Caller> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (parameters[index].getType() != Caller.class) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public Caller resolveParameterValue(Message<?> message) {
                return CallerMetadata.from(message.getMetaData());
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }
}
