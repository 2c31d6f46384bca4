import { idList, textArray } from "../../../src/modules/mailchimp-commerce/store-data/sql-connection"

describe("textArray (a Postgres text[] literal)", () => {
  it("quotes every element, so commas, braces and spaces stay inside it", () => {
    expect(textArray(["order_01", "a,b", "{c}", "d e"])).toBe('{"order_01","a,b","{c}","d e"}')
  })

  it("escapes quotes and backslashes", () => {
    expect(textArray(['say "hi"', "back\\slash"])).toBe('{"say \\"hi\\"","back\\\\slash"}')
  })

  it("an empty list is the empty array", () => {
    expect(textArray([])).toBe("{}")
  })
})

describe("idList (an id list for = ANY(…))", () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `order_${i}`)

  it("up to 250 ids: a text[] the planner sees whole", () => {
    expect(idList(["order_1", "order_2"])).toEqual({ any: "ANY(?::text[])", binding: '{"order_1","order_2"}' })
    expect(idList(ids(250)).any).toBe("ANY(?::text[])")
  })

  it("more: an array built at run time from JSON, holding every id", () => {
    const list = idList(ids(251))
    expect(list.any).toBe("ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))")
    expect(JSON.parse(list.binding)).toEqual(ids(251))
  })
})
