/** Test sends whose addresses (stored lower-cased) include any in the JSON array parameter. */
export const ERASE_TEST_SENDS_TO = `
  DELETE FROM mailchimp_campaign_test_send
  WHERE emails && ARRAY(SELECT jsonb_array_elements_text(?::jsonb))
  RETURNING id`
