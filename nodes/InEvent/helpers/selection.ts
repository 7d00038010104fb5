/** InEvent stacks `selection` presets with "|" (AND); "all" adds nothing next to other presets. */
export function stackSelection(presets: string[]): string {
	const meaningful = presets.length > 1 ? presets.filter((preset) => preset !== 'all') : presets;
	return meaningful.length > 0 ? meaningful.join('|') : 'all';
}
