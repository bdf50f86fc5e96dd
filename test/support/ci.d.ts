/** Whether this is a CI run: `CI` set to anything but empty, `0` or `false` (see ci.js). */
export function isCi(): boolean;
