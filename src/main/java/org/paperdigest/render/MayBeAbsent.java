package org.paperdigest.render;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a view value that may be null: templates may show it only inside its own section,
 * {@code {{#x}}…{{x}}…{{/x}}}, so an absent value leaves out the whole part (a link, a line)
 * instead of an empty link. The template check enforces it when templates are loaded.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface MayBeAbsent {}
