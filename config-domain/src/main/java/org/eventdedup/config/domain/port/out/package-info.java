/**
 * Outgoing ports: what the config domain needs from the outside world. Implemented by adapters
 * (config-persistence: {@code JdbiConfigRepository}, {@code FernetSecretCipher}); wired in {@code app}.
 */
package org.eventdedup.config.domain.port.out;
