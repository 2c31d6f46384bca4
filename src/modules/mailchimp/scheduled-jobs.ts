/** Names of the plugin's scheduled jobs, as their last run is recorded (mailchimp_job_run.name). */
export const RECONCILE_JOB_NAME = "mailchimp-reconcile"
