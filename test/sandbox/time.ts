/** Current time in Unix seconds, the unit InEvent uses for every date (spec §8). */
export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

export const DAY_SECONDS = 86_400;
