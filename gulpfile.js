// Copies what tsc does not emit: node and credential icons (light + dark) and node codex JSON.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.svg', 'credentials/**/*.svg', 'icons/**/*.svg'], { base: '.', encoding: false }).pipe(dest('dist'));
}

function copyNodeMetadata() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

exports['build:static'] = parallel(copyIcons, copyNodeMetadata);
