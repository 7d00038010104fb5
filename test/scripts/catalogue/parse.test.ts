import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { mergeCatalogue, parseIosModule, parsePhpModule, renderCatalogue } from '../../../scripts/catalogue/parse';
import type { ActionParameters, Catalogue } from '../../../scripts/catalogue/parse';
import { CATALOGUE, CATALOGUE_SOURCES } from '../../../nodes/InEvent/actions/custom/catalogue.data';

const DATA_FILE = join(__dirname, '../../../nodes/InEvent/actions/custom/catalogue.data.ts');
const PHP_COMMIT = '864611a9d8175b4313309b73c111a52966cfc41b';
const IOS_COMMIT = '1b7d1c102e94f49dbd85646bbc709bbb9c897cd0';

// Made-up modules in the SDKs' forms (no text of the SDKs).
const PHP_MODULE = `<?php
namespace InEvent;

class Widget {
	public static function create($client, array $get = array(), array $post = array()) {
		$attributes = array("GET" => $get, "POST" => $post);
		$json = $client->getJSONObject("widget", "create", $attributes);
		return $json;
	}
	public static function signIn($client, array $get = array(), array $post = array()) {
		$attributes = array("GET" => $get, "POST" => $post);
		$json = $client->getJSONObject("widget", "signIn", $attributes);
		if (isset($json["body"]["data"])) {
			$client->setTokenID($json["body"]["data"][0]["tokenID"]);
		}
		return $json;
	}
	public static function find($client, array $get = array(), array $post = array()) {
		$attributes = array("GET" => $get, "POST" => $post);
		$json = $client->getJSONObject("widget", "find", $attributes);
		return $json;
	}
}
?>`;

const IOS_MODULE = `#import "INWidgetAPIController.h"

@implementation INWidgetAPIController

#pragma mark - Widget

- (void)createAuthenticatedAtEventWithName:(NSString *)name {

	NSString *tokenID = [[INPersonToken sharedInstance] objectForKey:@"tokenID"];
	NSString *eventID = [[INEventToken sharedInstance] objectForKey:@"eventID"];

	if (tokenID != nil && eventID != nil && name != nil) {

		NSDictionary *attributes = @{@"GET" : @{@"tokenID" : tokenID, @"eventID" : eventID}, @"POST" : @{@"name" : name, @"target" : target}};

		[self objectWithModule:@"widget" method:@"create" attributes:attributes];
	}
}

- (void)createAtWidget:(NSInteger)widgetID withTarget:(NSString *)target {

	NSDictionary *attributes = @{@"GET" : @{@"widgetID" : [NSString stringWithFormat:@"%ld", (long)widgetID], @"target" : target}};

	[self objectWithModule:@"widget" method:@"create" attributes:attributes];
}

- (void)findAuthenticatedAtEventWithSelection:(NSString *)selection {

	NSString *tokenID = [[INPersonToken sharedInstance] objectForKey:@"tokenID"];

	if (tokenID != nil) {

		NSDictionary *attributes = @{@"GET" : @{@"tokenID" : tokenID, @"selection" : selection, @"eventID" : [NSString stringWithFormat:@"%ld", (long)eventID]}};

		[self objectWithModule:@"widget" method:@"find" attributes:attributes];
	}
}

- (void)touchAuthenticated {

	NSString *tokenID = [[INPersonToken sharedInstance] objectForKey:@"tokenID"];

	NSDictionary *attributes = @{@"GET" : @{@"tokenID" : tokenID, }};

	[self objectWithModule:@"widget.part" method:@"touch" attributes:attributes];
}

@end
`;

const entries = (catalogue: Catalogue) => Object.fromEntries(catalogue);

describe('catalogue generator: PHP SDK', () => {
	it('reads one action per public method, with no parameter names', () => {
		expect(entries(parsePhpModule('Widget.php', PHP_MODULE))).toEqual({
			'widget.create': { query: [], body: [] },
			'widget.signIn': { query: [], body: [] },
			'widget.find': { query: [], body: [] },
		});
	});

	it('refuses a method it does not understand rather than guess', () => {
		const ownKey = PHP_MODULE.replace(
			'array("GET" => $get, "POST" => $post);\n\t\t$json = $client->getJSONObject("widget", "create"',
			'array("GET" => $get, "POST" => $post);\n\t\t$attributes["GET"]["widgetID"] = 1;\n\t\t$json = $client->getJSONObject("widget", "create"',
		);
		expect(() => parsePhpModule('Widget.php', ownKey)).toThrow(/Widget.php create/);
		const renamed = PHP_MODULE.replace('getJSONObject("widget", "find"', 'getJSONObject("widget", "list"');
		expect(() => parsePhpModule('Widget.php', renamed)).toThrow(/calls method "list"/);
		const signature = PHP_MODULE.replace('function find($client, array $get', 'function find($client, $id, array $get');
		expect(() => parsePhpModule('Widget.php', signature)).toThrow(/unexpected signature/);
	});
});

describe('catalogue generator: iOS SDK', () => {
	it('reads each method as a variant with its query and body names', () => {
		expect(parseIosModule('INWidgetAPIController.m', IOS_MODULE)).toEqual([
			{ action: 'widget.create', query: ['tokenID', 'eventID'], body: ['name', 'target'] },
			{ action: 'widget.create', query: ['widgetID', 'target'], body: [] },
			{ action: 'widget.find', query: ['tokenID', 'selection', 'eventID'], body: [] },
			{ action: 'widget.part.touch', query: ['tokenID'], body: [] },
		]);
	});

	it('refuses a method built another way', () => {
		const mutable = IOS_MODULE.replace(
			'NSDictionary *attributes = @{@"GET" : @{@"tokenID" : tokenID, }};',
			'NSMutableDictionary *attributes = [NSMutableDictionary dictionary];',
		);
		expect(() => parseIosModule('INWidgetAPIController.m', mutable)).toThrow(/0 attribute dictionaries/);
		const computedKey = IOS_MODULE.replace('@"selection" : selection', 'key : selection');
		expect(() => parseIosModule('INWidgetAPIController.m', computedKey)).toThrow(/not a @"key" : value entry/);
	});
});

describe('catalogue generator: merge and render', () => {
	const php = new Map<string, ActionParameters>([
		...parsePhpModule('Widget.php', PHP_MODULE),
		['widget.part.touch', { query: [], body: [] }],
	]);
	const catalogue = mergeCatalogue(php, parseIosModule('INWidgetAPIController.m', IOS_MODULE));

	it('unites the SDKs: iOS names and places, variants united, tokenID out, paging on lists', () => {
		expect(entries(catalogue)).toEqual({
			// A name sent in the body by one variant and in the query by another is listed in both.
			'widget.create': { query: ['eventID', 'widgetID', 'target'], body: ['name', 'target'] },
			'widget.find': { query: ['selection', 'eventID', 'limit', 'offset'], body: [] },
			// Only the PHP SDK has it: no names, as the PHP SDK gives none.
			'widget.signIn': { query: [], body: [] },
			'widget.part.touch': { query: [], body: [] },
		});
		expect([...catalogue.keys()]).toEqual(['widget.create', 'widget.find', 'widget.part.touch', 'widget.signIn']);
	});

	it('would add names only PHP gives, in PHP place, after iOS ones', () => {
		const named = new Map([['widget.create', { query: ['eventID', 'mode'], body: ['name', 'colour'] }]]);
		const merged = mergeCatalogue(named, parseIosModule('INWidgetAPIController.m', IOS_MODULE));
		expect(merged.get('widget.create')).toEqual({
			query: ['eventID', 'widgetID', 'target', 'mode'],
			body: ['name', 'target', 'colour'],
		});
	});

	it('renders sorted, one line an entry, with the sources', () => {
		const text = renderCatalogue(catalogue, [
			{ repository: 'ineventapp/InEvent-php-sdk', commit: PHP_COMMIT },
			{ repository: 'ineventapp/InEvent-ios-sdk', commit: IOS_COMMIT },
		]);
		expect(text).toContain(
			`from ineventapp/InEvent-php-sdk@${PHP_COMMIT} and ineventapp/InEvent-ios-sdk@${IOS_COMMIT}`,
		);
		expect(text).toContain("\t'widget.find': [['selection', 'eventID', 'limit', 'offset'], []],\n");
		// Two lists of two or more: prettier's form.
		expect(text).toContain(
			"\t'widget.create': [\n\t\t['eventID', 'widgetID', 'target'],\n\t\t['name', 'target'],\n\t],\n",
		);
		expect(text.indexOf("'widget.part.touch'")).toBeLessThan(text.indexOf("'widget.signIn'"));
		expect(() => renderCatalogue(catalogue, [{ repository: 'x/y', commit: '864611a' }])).toThrow(/not a full commit/);
	});

	it('the committed data file is exactly what the generator writes for its entries', () => {
		const committed = new Map(
			Object.entries(CATALOGUE).map(([action, [query, body]]) => [action, { query: [...query], body: [...body] }]),
		);
		const text = renderCatalogue(committed, CATALOGUE_SOURCES);
		expect(text).toBe(readFileSync(DATA_FILE, 'utf8'));
	});
});
