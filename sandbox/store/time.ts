// The current time is read only through the sandbox clock (clock.ts), never here.
export const DAY_SECONDS = 86_400;
